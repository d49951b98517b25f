package org.opencrm.core.files;

/** What an uploaded file is for; each purpose has its own rules ({@link UploadRules}). */
public enum UploadPurpose {
    LEAD_IMPORT,
    ATTACHMENT,
    CONSISTENCY_DIFF
}

package org.opencrm.core.deal;

import java.util.List;
import java.util.Set;

/**
 * The seam to the attachments: the kinds of the attachments filed under any of these records (a
 * deal and its customer), e.g. {@code LEGAL_OPINION}. The stage machine asks it for evidence; the
 * files module answers it.
 */
@FunctionalInterface
public interface EvidenceKinds {

    Set<String> kinds(List<String> entityIds);
}

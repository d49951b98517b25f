package org.opencrm.core.activity;

/** How a rep was in touch (跟进方式). */
public enum ActivityKind {
    CALL,
    VISIT,
    WECHAT,
    EMAIL,
    MEETING,
    NOTE
}

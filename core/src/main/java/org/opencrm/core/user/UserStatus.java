package org.opencrm.core.user;

/** Whether a user may sign in: only ACTIVE users' tokens are accepted. */
public enum UserStatus {
    ACTIVE,
    SUSPENDED,
    LEFT
}

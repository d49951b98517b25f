package org.opencrm.core.user;

import org.opencrm.core.access.Role;

/** Users list filter; null fields do not filter. */
public record UserFilter(Role role, String region, String team, UserStatus status) {

    public static UserFilter none() {
        return new UserFilter(null, null, null, null);
    }

    public UserFilter withRegion(String value) {
        return new UserFilter(role, value, team, status);
    }

    public UserFilter withTeam(String value) {
        return new UserFilter(role, region, value, status);
    }
}

package org.opencrm.core.user;

import org.opencrm.core.access.Role;

/** The validated fields an admin sets on a user. */
public record UserProfile(
        String name,
        String email,
        Role role,
        String region,
        String team,
        String managerId,
        double decay,
        int capacity) {

    /** A profile with the default assignment load (decay and capacity), as a new user starts. */
    public static UserProfile withDefaultLoad(
            String name, String email, Role role, String region, String team, String managerId) {
        return new UserProfile(
                name,
                email,
                role,
                region,
                team,
                managerId,
                UserRules.DEFAULT_DECAY,
                UserRules.DEFAULT_CAPACITY);
    }
}

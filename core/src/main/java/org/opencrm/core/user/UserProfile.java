package org.opencrm.core.user;

import org.opencrm.core.access.Role;

/** The validated fields an admin sets on a user. */
public record UserProfile(String name, String email, Role role, String region, String team, String managerId,
                          double decay, int capacity) {
}

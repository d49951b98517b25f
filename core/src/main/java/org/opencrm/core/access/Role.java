package org.opencrm.core.access;

import java.util.Arrays;
import java.util.Optional;

/** The roles of R-27. */
public enum Role {
    SALES_REP,
    TEAM_LEAD,
    REGION_MANAGER,
    CUSTOMER_SERVICE,
    FINANCE,
    OPS_DIRECTOR,
    ADMIN,
    /** Issue 17: leads a customer service team; sees and reassigns the team's tickets. */
    SERVICE_SUPERVISOR;

    public static Optional<Role> parse(String value) {
        return Arrays.stream(values())
                .filter(role -> role.name().equalsIgnoreCase(value))
                .findFirst();
    }
}

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
    ADMIN;

    public static Optional<Role> parse(String value) {
        return Arrays.stream(values())
                .filter(role -> role.name().equalsIgnoreCase(value))
                .findFirst();
    }
}

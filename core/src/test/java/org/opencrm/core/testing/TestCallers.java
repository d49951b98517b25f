package org.opencrm.core.testing;

import java.util.UUID;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;

/** Callers for tests: a fresh rep per test keeps lists apart on the shared engine. */
public final class TestCallers {

    private TestCallers() {}

    public static Caller freshRep(String region) {
        return named("rep-" + UUID.randomUUID(), Role.SALES_REP, region, "team-x");
    }

    /** A caller with a fresh id, e.g. a region manager of a region no other test uses. */
    public static Caller of(Role role, String region, String team) {
        String prefix = role.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return named(prefix + "-" + UUID.randomUUID(), role, region, team);
    }

    /** A caller with the id a test names (region and team may be null). */
    public static Caller named(String id, Role role, String region, String team) {
        return Caller.builder()
                .userId(id)
                .role(role)
                .region(region)
                .team(team)
                .requestId("req-" + id)
                .sourceIp("127.0.0.1")
                .build();
    }

    /** An org-wide admin named {@code admin}. */
    public static Caller admin() {
        return named("admin", Role.ADMIN, null, null);
    }

    public static String uniqueMobile() {
        // 139 + 8 random digits: a valid Chinese mobile number, different in every test
        long digits = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 100_000_000L);
        return String.format("139%08d", digits);
    }
}

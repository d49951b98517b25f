package org.opencrm.core.testing;

import java.util.UUID;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.user.UserInput;

/**
 * Users in the real users table, created as an admin would, for tests that go through
 * authentication.
 */
public final class TestOrg {

    // core services trust the caller they are given; the HTTP layer is what authenticates
    private static final Caller ADMIN = TestCallers.named("test-org-admin", Role.ADMIN, null, null);

    private TestOrg() {}

    /** A new user with a fresh id; returns them as a caller. */
    public static Caller member(CoreServices services, Role role, String region, String team) {
        Caller caller = TestCallers.of(role, region, team);
        ensure(services, caller.userId(), role, region, team);
        return caller;
    }

    /** Creates the user unless they exist. */
    public static void ensure(
            CoreServices services, String id, Role role, String region, String team) {
        if (services.users().findOptional(id).isPresent()) {
            return;
        }
        services.users()
                .create(
                        UserInput.builder()
                                .id(id)
                                .name("Test " + id)
                                .role(role.name())
                                .region(region)
                                .team(team)
                                .build(),
                        ADMIN);
    }

    public static String uniqueTeam() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

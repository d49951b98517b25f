package org.opencrm.infra.demo;

import java.time.Clock;
import java.time.Instant;
import org.opencrm.core.access.Role;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserProfile;
import org.opencrm.core.user.UserStore;
import org.opencrm.infra.auth.DemoOrg;
import org.opencrm.infra.auth.DemoOrg.DemoUser;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Puts the demo org into the users table, the local stand-in for the Cognito user pool's members:
 * every request is checked against a user record, and dev tokens are minted only for these users.
 * Users that exist are left as they are (an admin may have changed them).
 */
public final class DemoOrgSeed {

    private static final String ACTOR = "system:local-cloud";

    private DemoOrgSeed() {}

    /** Returns how many users were added. */
    public static int seed(DynamoDbClient dynamo, TableNames tables, Clock clock) {
        UserStore users = new UserStore(DynamoClients.enhanced(dynamo), tables);
        Instant now = clock.instant();
        WriteStamp stamp = new WriteStamp(ACTOR, "seed-" + now, "127.0.0.1", now);
        int added = 0;
        for (DemoUser demo : DemoOrg.USERS) {
            User user =
                    User.newActive(
                            demo.id(),
                            UserProfile.withDefaultLoad(
                                    demo.displayName(),
                                    demo.email(),
                                    Role.valueOf(demo.role()),
                                    demo.region().orElse(null),
                                    demo.team().orElse(null),
                                    demo.managerId().orElse(null)),
                            now);
            added += users.insert(user, stamp).isPresent() ? 1 : 0;
        }
        return added;
    }
}

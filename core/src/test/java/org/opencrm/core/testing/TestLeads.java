package org.opencrm.core.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.user.UserInput;

/** New leads through the real intake, each with a phone of its own. */
public final class TestLeads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestLeads() {}

    /**
     * A prospect from {@code channel} in {@code region}, ingested by {@code admin}; its lead id.
     */
    public static String ingest(
            CoreServices services, Caller admin, String channel, String region) {
        return services.intake()
                .ingest(
                        channel,
                        List.of(
                                JSON.valueToTree(
                                        Map.of(
                                                "tel",
                                                TestCallers.uniqueMobile(),
                                                "name",
                                                "Prospect",
                                                "city",
                                                region))),
                        admin)
                .get(0)
                .leadId();
    }

    /** A new sales rep of {@code region} and {@code team} taking at most {@code capacity} leads. */
    public static Caller rep(
            CoreServices services, Caller admin, String region, String team, int capacity) {
        Caller rep = TestCallers.of(Role.SALES_REP, region, team);
        services.users()
                .create(
                        UserInput.builder()
                                .id(rep.userId())
                                .name("Rep " + rep.userId())
                                .role(Role.SALES_REP.name())
                                .region(region)
                                .team(team)
                                .capacity(capacity)
                                .build(),
                        admin);
        return rep;
    }
}

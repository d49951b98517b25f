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

    /**
     * Asserts the ledger: each rep's open-lead count equals the open leads the owner index lists
     * for them, read as {@code reader} (who must see them all).
     */
    public static void assertCountsEqualOpenLeads(
            CoreServices services, Caller reader, Caller... reps) {
        for (Caller rep : reps) {
            long open =
                    org.opencrm.core.store.Pages.all(
                                    page ->
                                            services.leads()
                                                    .list(
                                                            org.opencrm.core.lead.LeadFilter.ALL
                                                                    .withOwner(rep.userId()),
                                                            page,
                                                            reader))
                            .filter(
                                    lead ->
                                            org.opencrm.core.lead.LeadLifecycle.isOpen(
                                                    lead.status()))
                            .count();
            long counted =
                    services.assignments().openLeadCounts(List.of(rep.userId())).get(rep.userId());
            org.junit.jupiter.api.Assertions.assertEquals(open, counted, rep.userId());
        }
    }
}

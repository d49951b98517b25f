package org.opencrm.core.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;

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
}

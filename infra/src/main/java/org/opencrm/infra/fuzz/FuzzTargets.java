package org.opencrm.infra.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the generator aims at besides the schema: callers' tokens, ids that exist (so plausible
 * calls reach the domain, not only NOT_FOUND), the lead channels (whose webhooks are signed with
 * {@code demo-secret-<channel>} locally) and the files bucket (S3Proxy) for upload arrivals.
 *
 * @param adminToken a token of the demo admin, who may call everything
 * @param repToken a token of a sales rep, who may not
 * @param ids ids of records that exist: customers, deals, leads, users
 * @param channels the lead channels' ids
 * @param s3Endpoint the files bucket's S3 endpoint
 * @param bucket the files bucket's name
 */
public record FuzzTargets(
        String adminToken,
        String repToken,
        List<String> ids,
        List<String> channels,
        URI s3Endpoint,
        String bucket) {

    /** The secret the local cloud signs a channel's webhooks with. */
    public static String webhookSecret(String channel) {
        return "demo-secret-" + channel;
    }

    /**
     * Reads the channels and creates a customer, a deal and a lead through the API, so generated
     * calls have real ids to work on; what fails to be made is left out.
     */
    public static FuzzTargets prepare(
            FuzzHttp http, String adminToken, String repToken, URI s3Endpoint, String bucket) {
        // users the fuzzer may suspend or off-board at random: never the two whose tokens it uses
        List<String> ids =
                new ArrayList<>(List.of("demo-rep-a2", "demo-lead-b", "demo-manager-east"));
        List<String> channels = new ArrayList<>();
        http.graphql(adminToken, "{ leadChannels { id } }", Map.of())
                .path("data")
                .path("leadChannels")
                .forEach(channel -> channels.add(channel.path("id").asText()));
        if (channels.isEmpty()) {
            channels.add("website");
        }
        JsonNode customer =
                http.graphql(
                        repToken,
                        "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }",
                        Map.of(
                                "in",
                                Map.of(
                                        "name",
                                        "Fuzz target",
                                        "phone",
                                        "139"
                                                + String.format(
                                                        "%08d",
                                                        Math.floorMod(
                                                                UUID.randomUUID()
                                                                        .getLeastSignificantBits(),
                                                                100_000_000L)))));
        String customerId = customer.at("/data/createCustomer/id").asText("");
        add(ids, customerId);
        if (!customerId.isEmpty()) {
            JsonNode deal =
                    http.graphql(
                            repToken,
                            "mutation($in: CreateDealInput!) { createDeal(input: $in) { id } }",
                            Map.of("in", Map.of("customerId", customerId, "title", "Fuzz deal")));
            add(ids, deal.at("/data/createDeal/id").asText(""));
        }
        JsonNode lead =
                http.graphql(
                        adminToken,
                        "mutation($r: [JSON!]!) { ingestLeads(channel: \"website\", records: $r) { leadId } }",
                        Map.of(
                                "r",
                                List.of(
                                        Map.of(
                                                "name",
                                                "Fuzz lead",
                                                "email",
                                                UUID.randomUUID() + "@example.com"))));
        add(ids, lead.at("/data/ingestLeads/0/leadId").asText(""));
        return new FuzzTargets(
                adminToken, repToken, List.copyOf(ids), List.copyOf(channels), s3Endpoint, bucket);
    }

    private static void add(List<String> ids, String id) {
        if (!id.isEmpty()) {
            ids.add(id);
        }
    }
}

package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opencrm.infra.e2e.ApiClient.unique;
import static org.opencrm.infra.e2e.ApiClient.uniqueMobile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opencrm.core.signing.WebhookSignature;
import org.opencrm.core.time.AppClock;
import org.opencrm.infra.LocalCloud;
import org.opencrm.infra.LocalCloudOptions;
import org.opencrm.infra.TestSupport;

/**
 * Lead intake (R-02..R-05) as the two kinds of client see it: a signed-in user calling {@code
 * ingestLeads} over GraphQL, and an ad platform posting to its signed webhook {@code POST
 * /webhooks/leads/{channel}}. Real HTTP against the local cloud; every record must come back with
 * an outcome, and nothing is stored for a request that is not signed.
 */
class LeadIntakeEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OUTCOME_FIELDS =
            "index status leadId matchedId matchedBy matchedType quarantineId reasons { field rule message }";
    private static final String INGEST =
            "mutation($c: String!, $r: [JSON!]!) { ingestLeads(channel: $c, records: $r) { "
                    + OUTCOME_FIELDS
                    + " } }";
    private static final String LEAD =
            "query($id: ID!) { lead(id: $id) { id channel sources phone email budget extra flags } }";

    /** The delivery id of the requests the tests expect refused (never stored, so reusable). */
    private static final String REFUSED_DELIVERY = "e2e-refused";

    /** The channel the per-path cases are delivered to, through both paths alike. */
    private static final String CASE_CHANNEL = "douyin";

    private static LocalCloud cloud;
    private static ApiClient api;
    private static String admin;
    private static String adminId;

    /** How a record reaches intake. */
    enum Path {
        GRAPHQL,
        WEBHOOK
    }

    @BeforeAll
    static void startTheLocalCloud() throws Exception {
        cloud =
                LocalCloud.start(
                        LocalCloudOptions.forTests(
                                TestSupport.PROJECT_TEMPLATE.toAbsolutePath().normalize()));
        api = new ApiClient(cloud);
        // an admin of this test's own, so configuration history names who changed what
        adminId = unique("intake-admin");
        admin = api.createUser(adminId, "ADMIN", null, null, null);
    }

    @AfterAll
    static void stopTheLocalCloud() throws Exception {
        cloud.close();
    }

    // ------------------------------------------------------------------ 1. each case through each
    // path

    @ParameterizedTest(name = "through {0}")
    @EnumSource(Path.class)
    void fourSpellingsOfOneMobile_makeOneLead_theOtherThreeMergeIntoItByPhone(Path path) {
        // GIVEN one fresh mobile written four ways
        String m = uniqueMobile();
        List<String> spellings =
                List.of(
                        "+86 " + m.substring(0, 3) + "-" + m.substring(3, 7) + "-" + m.substring(7),
                        "(" + m.substring(0, 3) + ")" + m.substring(3),
                        m.substring(0, 3) + " " + m.substring(3, 7) + " " + m.substring(7),
                        "0086 " + m);

        // WHEN each arrives as its own delivery
        List<JsonNode> outcomes = new ArrayList<>();
        for (String spelling : spellings) {
            outcomes.addAll(
                    deliver(
                            path,
                            CASE_CHANNEL,
                            List.of(record("phone", spelling, "name", "Spelling " + spelling))));
        }

        // THEN the first is a new lead and the other three merge into it, matched by phone
        assertEquals(4, outcomes.size(), outcomes.toString());
        assertEquals("ACCEPTED", outcomes.get(0).get("status").asText(), outcomes.toString());
        String leadId = outcomes.get(0).get("leadId").asText();
        for (JsonNode merged : outcomes.subList(1, 4)) {
            assertEquals("MERGED", merged.get("status").asText(), outcomes.toString());
            assertEquals("phone", merged.get("matchedBy").asText(), merged.toString());
            assertEquals(leadId, merged.get("matchedId").asText(), merged.toString());
            assertEquals("Lead", merged.get("matchedType").asText(), merged.toString());
        }
        // AND the lead holds the number in E.164
        assertEquals("+86" + m, lead(leadId).get("phone").asText());
    }

    @ParameterizedTest(name = "through {0}")
    @EnumSource(Path.class)
    void budgetOf50Wan_underEitherFieldName_isStoredAs500000Cny(Path path) {
        // GIVEN two leads giving "50万", one as 预算 and one as budget
        List<Map<String, Object>> records =
                List.of(
                        record("预算", "50万", "tel", uniqueMobile()),
                        record("budget", "50万", "tel", uniqueMobile()));

        // WHEN they are delivered
        List<JsonNode> outcomes = deliver(path, CASE_CHANNEL, records);

        // THEN both are leads with a budget of 500000 CNY
        assertEquals(2, outcomes.size(), outcomes.toString());
        for (JsonNode outcome : outcomes) {
            assertEquals("ACCEPTED", outcome.get("status").asText(), outcome.toString());
            JsonNode lead = lead(outcome.get("leadId").asText());
            assertEquals(500_000d, lead.get("budget").asDouble(), 0.0001, lead.toString());
        }
    }

    @ParameterizedTest(name = "through {0}")
    @EnumSource(Path.class)
    void fieldsTheAliasMapDoesNotKnow_areKeptVerbatimInExtra(Path path) {
        // GIVEN a record with fields no alias map knows, of several JSON types
        Map<String, Object> unknown = new LinkedHashMap<>();
        unknown.put("utm_campaign", "spring-sale_2025");
        unknown.put("favourite_colour", "蓝色 (blue)");
        unknown.put("ad_set", Map.of("id", 7, "tags", List.of("a", "b")));
        unknown.put("clicks", 3);
        Map<String, Object> raw = new LinkedHashMap<>(unknown);
        raw.put("mobile", uniqueMobile());

        // WHEN it is delivered
        List<JsonNode> outcomes = deliver(path, CASE_CHANNEL, List.of(raw));

        // THEN the lead's extra holds each of them as sent
        assertEquals("ACCEPTED", outcomes.get(0).get("status").asText(), outcomes.toString());
        JsonNode extra = lead(outcomes.get(0).get("leadId").asText()).get("extra");
        unknown.forEach(
                (name, value) ->
                        assertEquals(JSON.valueToTree(value), extra.get(name), extra.toString()));
    }

    @ParameterizedTest(name = "through {0}")
    @EnumSource(Path.class)
    void maskedPhone_aloneIsQuarantined_butWithAnEmailIsAcceptedWithoutAPhoneAndFlagged(Path path) {
        // GIVEN a record whose only contact is a masked phone, and one that also gives an email
        String email = unique("masked") + "@example.com";
        Map<String, Object> maskedOnly = record("tel", "138****1234", "name", "Masked Only");
        Map<String, Object> maskedWithEmail = record("tel", "138****1234", "email", email);

        // WHEN they are delivered
        JsonNode quarantined = deliver(path, CASE_CHANNEL, List.of(maskedOnly)).get(0);
        JsonNode accepted = deliver(path, CASE_CHANNEL, List.of(maskedWithEmail)).get(0);

        // THEN the first waits in quarantine, saying the phone is masked
        assertEquals("QUARANTINED", quarantined.get("status").asText(), quarantined.toString());
        assertFalse(quarantined.get("quarantineId").asText().isBlank(), quarantined.toString());
        assertTrue(hasReason(quarantined, "phone", "masked"), quarantined.toString());
        // AND the second is a lead without a phone, with the masked phone listed and flagged
        assertEquals("ACCEPTED", accepted.get("status").asText(), accepted.toString());
        assertTrue(hasReason(accepted, "phone", "masked"), accepted.toString());
        JsonNode lead = lead(accepted.get("leadId").asText());
        assertTrue(lead.get("phone").isNull(), lead.toString());
        assertEquals(email, lead.get("email").asText());
        assertFalse(lead.get("flags").isEmpty(), lead.toString());
    }

    @ParameterizedTest(name = "through {0}")
    @EnumSource(Path.class)
    void telMobileAndContactPhone_meanPhone_onEveryChannel(Path path) {
        // GIVEN every channel in force
        List<String> channels =
                StreamSupport.stream(
                                api.data(admin, "{ leadChannels { id } }", Map.of())
                                        .get("leadChannels")
                                        .spliterator(),
                                false)
                        .map(channel -> channel.get("id").asText())
                        .toList();
        assertTrue(channels.size() >= 8, channels.toString());

        for (String channel : channels) {
            // WHEN each channel delivers one record per raw phone name
            Map<String, String> phoneOf = new LinkedHashMap<>();
            List<Map<String, Object>> records = new ArrayList<>();
            for (String rawName : List.of("tel", "mobile", "contact_phone")) {
                String mobile = uniqueMobile();
                phoneOf.put(rawName, "+86" + mobile);
                records.add(record(rawName, mobile, "name", channel + " " + rawName));
            }
            List<JsonNode> outcomes = deliver(path, channel, records);

            // THEN each becomes a lead with that phone
            assertEquals(3, outcomes.size(), channel + ": " + outcomes);
            List<String> rawNames = List.copyOf(phoneOf.keySet());
            for (int i = 0; i < 3; i++) {
                JsonNode outcome = outcomes.get(i);
                assertEquals(
                        "ACCEPTED",
                        outcome.get("status").asText(),
                        channel + " " + rawNames.get(i) + ": " + outcome);
                JsonNode lead = lead(outcome.get("leadId").asText());
                assertEquals(
                        phoneOf.get(rawNames.get(i)),
                        lead.get("phone").asText(),
                        channel + " " + rawNames.get(i) + ": " + lead);
                assertEquals(channel, lead.get("channel").asText());
            }
        }
    }

    // ------------------------------------------------------------------ 2. the Facebook webhook,
    // signed and not

    @Test
    void facebookWebhook_217SignedLeadsInOneBody_allBecomeFacebookLeads() {
        // GIVEN 217 Facebook leads with distinct phones, under the names Facebook and others use
        Instant before = Instant.now().minusSeconds(1);
        List<String> phones = IntStream.range(0, 217).mapToObj(i -> uniqueMobile()).toList();
        List<String> phoneNames = List.of("phone_number", "tel", "mobile", "contact_phone");
        List<Map<String, Object>> records =
                IntStream.range(0, 217)
                        .mapToObj(
                                i ->
                                        record(
                                                phoneNames.get(i % phoneNames.size()),
                                                phones.get(i),
                                                "full_name",
                                                "FB Lead " + i))
                        .toList();

        // WHEN Facebook posts them as one signed JSON array
        HttpResponse<String> response = postSigned("facebook", write(records), "application/json");

        // THEN there is one outcome per record, in order, each a new lead
        assertEquals(200, response.statusCode(), response.body());
        JsonNode outcomes = TestSupport.json(response);
        assertEquals(217, outcomes.size());
        Set<String> leadIds = new HashSet<>();
        for (int i = 0; i < 217; i++) {
            JsonNode outcome = outcomes.get(i);
            assertEquals(i, outcome.get("index").asInt(), outcome.toString());
            assertEquals("ACCEPTED", outcome.get("status").asText(), outcome.toString());
            leadIds.add(outcome.get("leadId").asText());
        }
        assertEquals(217, leadIds.size());

        // AND an admin reads each one back as a Facebook lead with its phone (30 aliases a query:
        // the API's limit)
        for (int from = 0; from < 217; from += 30) {
            StringBuilder query = new StringBuilder("{");
            int to = Math.min(from + 30, 217);
            for (int i = from; i < to; i++) {
                query.append(" l")
                        .append(i)
                        .append(": lead(id: \"")
                        .append(outcomes.get(i).get("leadId").asText())
                        .append("\") { id channel phone }");
            }
            JsonNode read = api.data(admin, query.append(" }").toString(), Map.of());
            for (int i = from; i < to; i++) {
                JsonNode lead = read.get("l" + i);
                assertEquals("facebook", lead.get("channel").asText(), lead.toString());
                assertEquals("+86" + phones.get(i), lead.get("phone").asText(), lead.toString());
            }
        }
        // AND the channel's lead list since the post holds all 217 phones
        Set<String> listed = facebookLeadPhonesSince(before);
        assertTrue(
                listed.containsAll(phones.stream().map(p -> "+86" + p).toList()),
                "missing from leads(channel: facebook): "
                        + phones.stream().filter(p -> !listed.contains("+86" + p)).toList());
    }

    @Test
    void facebookWebhook_badOrMissingSignature_is401_andStoresNothing() {
        // GIVEN 217 more Facebook leads with fresh phones
        Instant before = Instant.now().minusSeconds(1);
        List<String> phones = IntStream.range(0, 217).mapToObj(i -> uniqueMobile()).toList();
        List<Map<String, Object>> records =
                IntStream.range(0, 217)
                        .mapToObj(
                                i ->
                                        record(
                                                "phone_number",
                                                phones.get(i),
                                                "full_name",
                                                "Forged " + i))
                        .toList();
        String body = write(records);
        String otherBody = write(records.subList(0, 1));

        // WHEN they are posted with signatures that do not match, and with none
        Map<String, String> badSignatures = new LinkedHashMap<>();
        badSignatures.put("another channel's secret", signatureOf(body, "demo-secret-website"));
        badSignatures.put("another body's MAC", signatureOf(otherBody, "demo-secret-facebook"));
        badSignatures.put("zeros", WebhookSignature.PREFIX + "0".repeat(64));
        badSignatures.put(
                "the bare hex, no sha256=",
                signatureOf(body, "demo-secret-facebook")
                        .substring(WebhookSignature.PREFIX.length()));
        badSignatures.put("missing header", null);

        // THEN every one is refused with 401
        badSignatures.forEach(
                (why, signature) -> {
                    HttpResponse<String> response =
                            postWebhook("facebook", body, signature, "application/json");
                    assertEquals(401, response.statusCode(), why + ": " + response.body());
                    assertEquals(
                            "UNAUTHENTICATED",
                            TestSupport.json(response).at("/errors/0/extensions/code").asText(),
                            why);
                });

        // AND (a control, so the look-ups below can see what was stored) one properly signed lead
        // and one
        // properly signed unusable record in the same window are stored
        String controlMobile = uniqueMobile();
        String controlName = unique("Control quarantined");
        JsonNode control =
                TestSupport.json(
                        postSigned(
                                "facebook",
                                write(
                                        List.of(
                                                record("phone_number", controlMobile),
                                                record(
                                                        "phone_number",
                                                        "139****0000",
                                                        "full_name",
                                                        controlName))),
                                "application/json"));
        assertEquals(
                List.of("ACCEPTED", "QUARANTINED"),
                List.of(control.at("/0/status").asText(), control.at("/1/status").asText()),
                control.toString());

        // AND none of the refused phones became a lead or a quarantined record; the controls did
        Set<String> forged = phones.stream().map(p -> "+86" + p).collect(Collectors.toSet());
        Set<String> listedLeads = facebookLeadPhonesSince(before);
        assertTrue(listedLeads.contains("+86" + controlMobile), listedLeads.toString());
        Set<String> stored = new HashSet<>(listedLeads);
        stored.retainAll(forged);
        assertEquals(Set.of(), stored);
        List<String> quarantinedRaw = quarantinedRawSince("facebook", before);
        assertTrue(
                quarantinedRaw.stream().anyMatch(raw -> raw.contains(controlName)),
                quarantinedRaw.toString());
        List<String> leaked =
                quarantinedRaw.stream()
                        .filter(raw -> phones.stream().anyMatch(raw::contains))
                        .toList();
        assertEquals(List.of(), leaked);
    }

    // ------------------------------------------------------------------ 3. racing deliveries of
    // one phone

    @Test
    void fiftyConcurrentIngestsOfOnePhone_makeOneLead_andFortyNineMergesIntoIt() throws Exception {
        // GIVEN one phone, and 50 callers ready to deliver it at once
        String mobile = uniqueMobile();
        Instant before = Instant.now().minusSeconds(1);
        int racers = 50;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<JsonNode> outcomes = new ArrayList<>();
        try {
            List<Future<JsonNode>> calls = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Map<String, Object> raw = record("tel", mobile, "name", "Racer " + i);
                calls.add(
                        pool.submit(
                                () -> {
                                    go.await();
                                    return api.data(
                                                    admin,
                                                    INGEST,
                                                    Map.of("c", "website", "r", List.of(raw)))
                                            .at("/ingestLeads/0");
                                }));
            }
            // WHEN they all go
            go.countDown();
            for (Future<JsonNode> call : calls) {
                outcomes.add(call.get());
            }
        } finally {
            pool.shutdownNow();
        }

        // THEN exactly one made the lead and the other 49 merged into that lead by phone
        List<JsonNode> accepted =
                outcomes.stream().filter(o -> "ACCEPTED".equals(o.get("status").asText())).toList();
        List<JsonNode> merged =
                outcomes.stream().filter(o -> "MERGED".equals(o.get("status").asText())).toList();
        assertEquals(1, accepted.size(), outcomes.toString());
        assertEquals(49, merged.size(), outcomes.toString());
        String leadId = accepted.get(0).get("leadId").asText();
        merged.forEach(
                o -> {
                    assertEquals(leadId, o.get("matchedId").asText(), o.toString());
                    assertEquals("phone", o.get("matchedBy").asText(), o.toString());
                });
        // AND the channel lists one lead with that phone
        long withPhone =
                leadPhonesSince("website", before).stream()
                        .filter(("+86" + mobile)::equals)
                        .count();
        assertEquals(1, withPhone);
    }

    // ------------------------------------------------------------------ 4. alias map change and
    // rollback

    @Test
    void aliasAddedToAChannel_appliesAtOnce_andRollbackRestoresTheOldMap_bothKeptInTheHistory() {
        // GIVEN the website channel's alias map as stored (a first stored version when only the
        // default is in force:
        // version 0 is the built-in default, which is not stored and cannot be rolled back to)
        String setChannel =
                "mutation($v: Int!, $aliases: JSON!, $note: String!) { setLeadChannel(id: \"website\", "
                        + "expectedVersion: $v, label: \"Website form\", aliases: $aliases, note: $note) { version author note } }";
        JsonNode current =
                api.data(
                                admin,
                                "{ configuration(name: \"leadChannels\") { version value } }",
                                Map.of())
                        .get("configuration");
        JsonNode websiteAliases = current.at("/value/channels/website/aliases");
        assertTrue(websiteAliases.isObject() && !websiteAliases.has("handy"), current.toString());
        int before = current.get("version").asInt();
        if (before == 0) {
            before =
                    api.data(
                                    admin,
                                    setChannel,
                                    Map.of(
                                            "v",
                                            0,
                                            "aliases",
                                            websiteAliases,
                                            "note",
                                            "store the default map"))
                            .at("/setLeadChannel/version")
                            .asInt();
        }
        String unmapped = uniqueMobile();
        Map<String, Object> handyOnly = record("handy", unmapped, "name", "Handy Before");

        // WHEN an admin maps "handy" to phone on the website channel
        Map<String, Object> withHandy =
                JSON.convertValue(websiteAliases, new TypeReference<Map<String, Object>>() {});
        withHandy.put("handy", "phone");
        String addNote = unique("German forms say handy");
        JsonNode added =
                api.data(
                                admin,
                                setChannel,
                                Map.of("v", before, "aliases", withHandy, "note", addNote))
                        .get("setLeadChannel");
        assertEquals(before + 1, added.get("version").asInt(), added.toString());

        // THEN a website record sending "handy" is a lead with that phone
        String mobile = uniqueMobile();
        JsonNode mapped =
                deliver(
                                Path.GRAPHQL,
                                "website",
                                List.of(record("handy", mobile, "name", "Handy Mapped")))
                        .get(0);
        assertEquals("ACCEPTED", mapped.get("status").asText(), mapped.toString());
        JsonNode mappedLead = lead(mapped.get("leadId").asText());
        assertEquals("+86" + mobile, mappedLead.get("phone").asText(), mappedLead.toString());
        assertFalse(mappedLead.get("extra").has("handy"), mappedLead.toString());

        // WHEN the admin rolls the map back to the version before
        String rollbackNote = unique("undo handy");
        JsonNode rolledBack =
                api.data(
                                admin,
                                "mutation($to: Int!, $note: String) { rollbackConfig(name: \"leadChannels\", "
                                        + "version: $to, note: $note) { version rolledBackFrom value } }",
                                Map.of("to", before, "note", rollbackNote))
                        .get("rollbackConfig");
        assertEquals(before + 2, rolledBack.get("version").asInt(), rolledBack.toString());
        assertEquals(before, rolledBack.get("rolledBackFrom").asInt(), rolledBack.toString());
        assertFalse(
                rolledBack.at("/value/channels/website/aliases").has("handy"),
                rolledBack.toString());

        // THEN "handy" is an unknown field again: the only contact → quarantine; beside an email →
        // kept in extra
        JsonNode noContact = deliver(Path.GRAPHQL, "website", List.of(handyOnly)).get(0);
        assertEquals("QUARANTINED", noContact.get("status").asText(), noContact.toString());
        assertTrue(hasReason(noContact, "phone", "oneContactRequired"), noContact.toString());
        String email = unique("handy") + "@example.com";
        JsonNode inExtra =
                deliver(Path.GRAPHQL, "website", List.of(record("handy", unmapped, "email", email)))
                        .get(0);
        assertEquals("ACCEPTED", inExtra.get("status").asText(), inExtra.toString());
        JsonNode extraLead = lead(inExtra.get("leadId").asText());
        assertTrue(extraLead.get("phone").isNull(), extraLead.toString());
        assertEquals(unmapped, extraLead.at("/extra/handy").asText(), extraLead.toString());

        // AND the history lists the change and the rollback, with author and note
        JsonNode history =
                api.data(
                                admin,
                                "{ configurationHistory(name: \"leadChannels\", first: 10) { edges { node { "
                                        + "version author note rolledBackFrom } } } }",
                                Map.of())
                        .at("/configurationHistory/edges");
        Map<Integer, JsonNode> byVersion = new HashMap<>();
        history.forEach(edge -> byVersion.put(edge.at("/node/version").asInt(), edge.get("node")));
        JsonNode change = byVersion.get(before + 1);
        JsonNode rollback = byVersion.get(before + 2);
        assertNotNull(change, history.toString());
        assertNotNull(rollback, history.toString());
        assertEquals(adminId, change.get("author").asText());
        assertEquals(addNote, change.get("note").asText());
        assertEquals(adminId, rollback.get("author").asText());
        assertEquals(rollbackNote, rollback.get("note").asText());
        assertEquals(before, rollback.get("rolledBackFrom").asInt());
        assertEquals(before + 2, history.at("/0/node/version").asInt(), "newest first: " + history);
    }

    // ------------------------------------------------------------------ 5. quarantine and replay

    @Test
    void quarantinedRecord_isListed_fixedByAPatchOnReplay_andReplayingAgainReturnsTheSameLead() {
        // GIVEN a record quarantined for its masked phone
        Instant before = Instant.now().minusSeconds(1);
        String name = unique("Replay");
        JsonNode quarantined =
                deliver(
                                Path.GRAPHQL,
                                "trade_show",
                                List.of(record("tel", "139****0000", "name", name)))
                        .get(0);
        assertEquals("QUARANTINED", quarantined.get("status").asText(), quarantined.toString());
        String id = quarantined.get("quarantineId").asText();

        // WHEN an admin lists the channel's quarantine
        String list =
                "query($from: DateTime) { quarantinedLeads(channel: \"trade_show\", from: $from, first: 100) { edges { node { "
                        + "id channel raw replayed reasons { field rule } } } } }";
        JsonNode listed =
                find(
                        api.data(admin, list, Map.of("from", before.toString()))
                                .at("/quarantinedLeads/edges"),
                        id);

        // THEN it is there, raw as sent, with its reason
        assertNotNull(listed, "not listed: " + id);
        assertEquals("trade_show", listed.get("channel").asText());
        assertEquals(
                record("tel", "139****0000", "name", name),
                JSON.convertValue(
                        readTree(listed.get("raw").asText()),
                        new TypeReference<Map<String, Object>>() {}));
        assertFalse(listed.get("replayed").asBoolean());
        assertTrue(hasReason(listed, "phone", "masked"), listed.toString());

        // WHEN it is replayed with a real phone patched in
        String mobile = uniqueMobile();
        String replay =
                "mutation($ids: [ID!]!, $patches: [JSON]) { replayQuarantined(ids: $ids, patches: $patches) { "
                        + OUTCOME_FIELDS
                        + " } }";
        JsonNode first =
                api.data(
                                admin,
                                replay,
                                Map.of(
                                        "ids",
                                        List.of(id),
                                        "patches",
                                        List.of(Map.of("tel", mobile))))
                        .at("/replayQuarantined/0");

        // THEN it becomes a lead with that phone and its name
        assertEquals("ACCEPTED", first.get("status").asText(), first.toString());
        String leadId = first.get("leadId").asText();
        JsonNode lead = lead(leadId);
        assertEquals("+86" + mobile, lead.get("phone").asText(), lead.toString());
        assertEquals("trade_show", lead.get("channel").asText());
        // AND it no longer waits in the quarantine
        assertNull(
                find(
                        api.data(admin, list, Map.of("from", before.toString()))
                                .at("/quarantinedLeads/edges"),
                        id));

        // WHEN it is replayed again, even with another patch
        JsonNode again =
                api.data(
                                admin,
                                replay,
                                Map.of(
                                        "ids",
                                        List.of(id),
                                        "patches",
                                        List.of(Map.of("tel", uniqueMobile()))))
                        .at("/replayQuarantined/0");

        // THEN the answer is the first outcome: the same lead, no second one
        assertEquals("ACCEPTED", again.get("status").asText(), again.toString());
        assertEquals(leadId, again.get("leadId").asText());
        JsonNode record =
                api.data(
                                admin,
                                "query($id: ID!) { quarantinedLead(id: $id) { replayed outcome { leadId } } }",
                                Map.of("id", id))
                        .get("quarantinedLead");
        assertTrue(record.get("replayed").asBoolean(), record.toString());
        assertEquals(leadId, record.at("/outcome/leadId").asText(), record.toString());
    }

    // ------------------------------------------------------------------ 6. webhook edges

    @Test
    void signedBodyThatIsNotJson_isAnsweredWithOneQuarantinedOutcome_andKeptWhole() {
        // GIVEN a correctly signed body that is not JSON
        String body = "name=Broken Form&tel=" + uniqueMobile() + " {not json";

        // WHEN the channel posts it
        HttpResponse<String> response = postSigned("website", body, "text/plain; charset=utf-8");

        // THEN it is answered 200 with one quarantined outcome
        assertEquals(200, response.statusCode(), response.body());
        JsonNode outcomes = TestSupport.json(response);
        assertEquals(1, outcomes.size(), outcomes.toString());
        assertEquals("QUARANTINED", outcomes.at("/0/status").asText(), outcomes.toString());
        // AND the quarantined record holds the body as sent, from the webhook
        JsonNode record =
                api.data(
                                admin,
                                "query($id: ID!) { quarantinedLead(id: $id) { channel raw receivedBy replayed } }",
                                Map.of("id", outcomes.at("/0/quarantineId").asText()))
                        .get("quarantinedLead");
        assertEquals("website", record.get("channel").asText());
        assertTrue(record.get("raw").asText().contains(body), record.toString());
        assertEquals("webhook:website", record.get("receivedBy").asText());
        assertFalse(record.get("replayed").asBoolean());
    }

    @Test
    void webhookOfAnUnknownChannel_isRefused401_whateverTheSignature() {
        // GIVEN a channel that does not exist, and a record for it
        String body = write(List.of(record("tel", uniqueMobile(), "name", "Nowhere")));

        // WHEN it is posted signed the way a real channel would be, with a guessed secret, and
        // unsigned
        List<String> signatures = new ArrayList<>();
        signatures.add(signatureOf(body, "demo-secret-myspace"));
        signatures.add(signatureOf(body, "demo-secret-facebook"));
        signatures.add(null);

        // THEN each is refused as unauthenticated
        for (String signature : signatures) {
            HttpResponse<String> response =
                    postWebhook("myspace", body, signature, "application/json");
            assertEquals(401, response.statusCode(), signature + ": " + response.body());
            assertEquals(
                    "UNAUTHENTICATED",
                    TestSupport.json(response).at("/errors/0/extensions/code").asText());
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Delivers the records through one path; one outcome per record, in order. */
    private static List<JsonNode> deliver(
            Path path, String channel, List<Map<String, Object>> records) {
        JsonNode outcomes;
        if (path == Path.GRAPHQL) {
            outcomes =
                    api.data(admin, INGEST, Map.of("c", channel, "r", records)).get("ingestLeads");
        } else {
            // one record as a bare object; several as {"records": [...]}: both documented body
            // shapes
            String body =
                    records.size() == 1 ? write(records.get(0)) : write(Map.of("records", records));
            HttpResponse<String> response = postSigned(channel, body, "application/json");
            assertEquals(200, response.statusCode(), channel + ": " + response.body());
            outcomes = TestSupport.json(response);
        }
        assertEquals(records.size(), outcomes.size(), outcomes.toString());
        return StreamSupport.stream(outcomes.spliterator(), false).toList();
    }

    /**
     * Posts the body to the channel's webhook as a new delivery (its own X-Crm-Delivery id, signed
     * now with the channel's demo secret).
     */
    private static HttpResponse<String> postSigned(
            String channel, String body, String contentType) {
        String deliveryId = "e2e-" + UUID.randomUUID();
        String timestamp = now();
        return postWebhook(
                channel,
                body,
                deliveryId,
                timestamp,
                WebhookSignature.signDelivery(
                        deliveryId,
                        timestamp,
                        body.getBytes(StandardCharsets.UTF_8),
                        "demo-secret-" + channel),
                contentType);
    }

    /** A signature as {@link #postWebhook(String, String, String, String)} sends it. */
    private static String signatureOf(String body, String secret) {
        return WebhookSignature.signDelivery(
                REFUSED_DELIVERY, now(), body.getBytes(StandardCharsets.UTF_8), secret);
    }

    /** The local cloud's clock, which the webhook's replay window is measured on. */
    private static String now() {
        return Long.toString(AppClock.SHARED.instant().getEpochSecond());
    }

    /**
     * Real HTTP to {@code POST /webhooks/leads/{channel}} as the delivery {@link #REFUSED_DELIVERY}
     * signed now; {@code signature} null sends no signature header.
     */
    private static HttpResponse<String> postWebhook(
            String channel, String body, String signature, String contentType) {
        return postWebhook(channel, body, REFUSED_DELIVERY, now(), signature, contentType);
    }

    private static HttpResponse<String> postWebhook(
            String channel,
            String body,
            String deliveryId,
            String timestamp,
            String signature,
            String contentType) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", contentType);
        headers.put(WebhookSignature.DELIVERY_HEADER, deliveryId);
        headers.put(WebhookSignature.TIMESTAMP_HEADER, timestamp);
        if (signature != null) {
            headers.put(WebhookSignature.HEADER, signature);
        }
        return TestSupport.post(cloud, "/webhooks/leads/" + channel, body, headers);
    }

    private static JsonNode lead(String id) {
        return api.data(admin, LEAD, Map.of("id", id)).get("lead");
    }

    private static Set<String> facebookLeadPhonesSince(Instant from) {
        return new HashSet<>(leadPhonesSince("facebook", from));
    }

    /**
     * Every phone of the channel's leads created since {@code from}, as an admin pages through
     * them.
     */
    private static List<String> leadPhonesSince(String channel, Instant from) {
        List<String> phones = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> variables = new HashMap<>();
            variables.put("f", Map.of("channel", channel, "from", from.toString()));
            variables.put("after", after);
            JsonNode page =
                    api.data(
                                    admin,
                                    "query($f: LeadFilter, $after: String) { leads(filter: $f, first: 100, after: $after) { "
                                            + "edges { node { phone channel } } pageInfo { hasNextPage endCursor } } }",
                                    variables)
                            .get("leads");
            page.get("edges")
                    .forEach(
                            edge -> {
                                assertEquals(channel, edge.at("/node/channel").asText());
                                phones.add(edge.at("/node/phone").asText());
                            });
            after =
                    page.at("/pageInfo/hasNextPage").asBoolean()
                            ? page.at("/pageInfo/endCursor").asText()
                            : null;
        } while (after != null);
        return phones;
    }

    /**
     * The raw text of every record of the channel quarantined since {@code from} and still waiting.
     */
    private static List<String> quarantinedRawSince(String channel, Instant from) {
        List<String> raws = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> variables = new HashMap<>();
            variables.put("c", channel);
            variables.put("from", from.toString());
            variables.put("after", after);
            JsonNode page =
                    api.data(
                                    admin,
                                    "query($c: String!, $from: DateTime, $after: String) { quarantinedLeads(channel: $c, "
                                            + "from: $from, first: 100, after: $after) { edges { node { raw } } pageInfo { hasNextPage endCursor } } }",
                                    variables)
                            .get("quarantinedLeads");
            page.get("edges").forEach(edge -> raws.add(edge.at("/node/raw").asText()));
            after =
                    page.at("/pageInfo/hasNextPage").asBoolean()
                            ? page.at("/pageInfo/endCursor").asText()
                            : null;
        } while (after != null);
        return raws;
    }

    private static JsonNode find(JsonNode edges, String id) {
        return StreamSupport.stream(edges.spliterator(), false)
                .map(edge -> edge.get("node"))
                .filter(node -> id.equals(node.get("id").asText()))
                .findFirst()
                .orElse(null);
    }

    private static boolean hasReason(JsonNode outcome, String field, String rule) {
        return StreamSupport.stream(outcome.get("reasons").spliterator(), false)
                .anyMatch(
                        reason ->
                                field.equals(reason.get("field").asText())
                                        && rule.equals(reason.get("rule").asText()));
    }

    /** A raw record, fields in the order given. */
    private static Map<String, Object> record(String... namesAndValues) {
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            record.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return record;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException notJson) {
            throw new AssertionError("not JSON: " + text, notJson);
        }
    }
}

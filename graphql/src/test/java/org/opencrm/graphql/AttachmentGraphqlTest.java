package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.opencrm.core.files.Attachment;
import org.opencrm.core.files.AttachmentStore;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.testing.TestCallers;

/**
 * attachments(entityId) through the real schema, over attachments stored as the arrival step stores
 * them. Presigning is offline, so the download URL's shape is checked here; the local cloud's
 * end-to-end test downloads through it.
 */
class AttachmentGraphqlTest {

    private static final String BUCKET = "crm-test-files";
    private static final String ATTACHMENTS =
            """
            query($id: ID!) {
              attachments(entityId: $id) {
                id entityId kind fileName contentType size sha256 uploadedBy uploadedAt downloadUrl
              }
            }""";

    private final GraphqlFixture api =
            new GraphqlFixture(
                    RuntimeEnvironment.of(
                            Map.of(
                                    RuntimeEnvironment.FILES_BUCKET,
                                    BUCKET,
                                    RuntimeEnvironment.S3_ENDPOINT_URL,
                                    "http://127.0.0.1:9",
                                    RuntimeEnvironment.REGION,
                                    "cn-north-1",
                                    "AWS_ACCESS_KEY_ID",
                                    "localkey",
                                    "AWS_SECRET_ACCESS_KEY",
                                    "localsecret")));
    private final AttachmentStore store =
            new AttachmentStore(api.dynamo.client(), api.dynamo.tables());
    private final Map<String, String> rep = api.freshRep();

    private String customerOf(Map<String, String> owner) {
        return api.run(
                        owner,
                        "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }",
                        Map.of(
                                "in",
                                Map.of("name", "Wang Fang", "phone", TestCallers.uniqueMobile())))
                .at("/data/createCustomer/id")
                .asText();
    }

    private Attachment stored(String customerId, String fileName, Instant at) {
        String id = UUID.randomUUID().toString();
        Attachment attachment =
                Attachment.builder()
                        .id(id)
                        .entityId(customerId)
                        .entityType("Customer")
                        .kind("LEGAL_OPINION")
                        .fileName(fileName)
                        .contentType("application/pdf")
                        .size(2048)
                        .sha256("d".repeat(64))
                        .uploadedBy(rep.get("sub"))
                        .uploadedAt(at)
                        .objectKey("uploads/attachment/" + id)
                        .version(1)
                        .build();
        store.createIfAbsent(attachment);
        return attachment;
    }

    private static List<String> ids(JsonNode attachments) {
        return StreamSupport.stream(attachments.spliterator(), false)
                .map(node -> node.at("/id").asText())
                .toList();
    }

    @Test
    void
            theOwner_seesTheCustomersAttachmentsNewestFirst_withAFiveMinuteDownloadUrlUnderTheirName() {
        // GIVEN a rep's customer with an older and a newer attachment
        String customerId = customerOf(rep);
        Attachment older =
                stored(customerId, "old scan.pdf", Instant.parse("2026-11-01T08:00:00Z"));
        Attachment newer =
                stored(customerId, "法律意见书 (v2).pdf", Instant.parse("2026-11-02T08:00:00Z"));

        // WHEN the rep lists them
        JsonNode result = api.run(rep, ATTACHMENTS, Map.of("id", customerId));

        // THEN both, newest first, as stored
        assertTrue(result.at("/errors").isMissingNode(), result.toString());
        JsonNode listed = result.at("/data/attachments");
        assertEquals(List.of(newer.id(), older.id()), ids(listed));
        JsonNode first = listed.get(0);
        assertEquals(customerId, first.at("/entityId").asText());
        assertEquals("LEGAL_OPINION", first.at("/kind").asText());
        assertEquals("法律意见书 (v2).pdf", first.at("/fileName").asText());
        assertEquals(2048, first.at("/size").asInt());
        assertEquals("d".repeat(64), first.at("/sha256").asText());
        assertEquals(rep.get("sub"), first.at("/uploadedBy").asText());
        assertEquals("2026-11-02T08:00:00Z", first.at("/uploadedAt").asText());
        // AND its download URL is a GET of its object for 300 s, saved under its name and type
        URI url = URI.create(first.at("/downloadUrl").asText());
        assertEquals("/" + BUCKET + "/uploads/attachment/" + newer.id(), url.getPath());
        String query = url.getRawQuery();
        assertTrue(query.contains("X-Amz-Expires=300"), query);
        assertTrue(
                query.contains(
                        "response-content-disposition=attachment%3B%20filename%2A%3DUTF-8%27%27"
                                + "%25E6%25B3%2595%25E5%25BE%258B%25E6%2584%258F%25E8%25A7%2581"
                                + "%25E4%25B9%25A6%2520%2528v2%2529.pdf"),
                query);
        assertTrue(query.contains("response-content-type=application%2Fpdf"), query);
    }

    @Test
    void aRepOfAnotherRegion_getsNotFound_asForTheCustomerItself() {
        // GIVEN a customer with an attachment, and a rep of another region
        String customerId = customerOf(rep);
        stored(customerId, "opinion.pdf", Instant.parse("2026-11-01T08:00:00Z"));
        Map<String, String> outsider = api.claims("rep-" + UUID.randomUUID(), "SALES_REP", "west");

        // WHEN the outsider lists its attachments
        JsonNode result = api.run(outsider, ATTACHMENTS, Map.of("id", customerId));

        // THEN the record does not exist for them, and nothing of it is returned
        assertEquals(
                "NOT_FOUND", result.at("/errors/0/extensions/code").asText(), result.toString());
        assertTrue(result.at("/data").isNull(), result.toString());
    }

    @Test
    void aRecordWithoutAttachments_listsNone() {
        JsonNode result = api.run(rep, ATTACHMENTS, Map.of("id", customerOf(rep)));

        assertTrue(result.at("/errors").isMissingNode(), result.toString());
        assertEquals(0, result.at("/data/attachments").size());
    }
}

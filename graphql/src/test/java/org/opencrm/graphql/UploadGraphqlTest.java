package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.core.files.PendingUpload;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.testing.TestCallers;

/**
 * createUpload through the real schema. Presigning is offline, so no S3 API runs here: the URL's
 * shape and the refusals are checked; the local cloud's end-to-end test PUTs to it.
 */
class UploadGraphqlTest {

    private static final String BUCKET = "crm-test-files";
    private static final String CREATE_UPLOAD =
            """
            mutation Upload($in: UploadInput!) {
              createUpload(input: $in) { id url method headers { name value } fields { name value } expiresAt }
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

    private static Map<String, Object> attachment(String entityId, long size) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("purpose", "ATTACHMENT");
        input.put("fileName", "法律意见书.pdf");
        input.put("contentType", "application/pdf");
        input.put("size", size);
        input.put("entityId", entityId);
        input.put("kind", "LEGAL_OPINION");
        return input;
    }

    private JsonNode createUpload(Map<String, String> caller, Map<String, Object> input) {
        return api.run(caller, CREATE_UPLOAD, Map.of("in", input));
    }

    @Test
    void createUpload_forTheRepsOwnCustomer_isAPutUrlBoundToTypeAndSize_expiringInTenMinutes() {
        // GIVEN a rep's customer
        String customerId = customerOf(rep);
        Instant before = Instant.now();

        // WHEN the rep asks to upload a 12,345-byte PDF for it
        JsonNode result = createUpload(rep, attachment(customerId, 12_345));

        // THEN a PUT URL on the bucket under our key, the signed headers to send, no form fields
        JsonNode upload = result.at("/data/createUpload");
        assertTrue(result.at("/errors").isMissingNode(), result.toString());
        String id = upload.at("/id").asText();
        URI url = URI.create(upload.at("/url").asText());
        assertEquals("127.0.0.1", url.getHost());
        assertEquals("/" + BUCKET + "/uploads/attachment/" + id, url.getPath());
        assertTrue(url.getQuery().contains("X-Amz-Expires=600"), url.toString());
        assertEquals("PUT", upload.at("/method").asText());
        assertEquals(0, upload.at("/fields").size());
        Map<String, String> headers = new HashMap<>();
        upload.at("/headers")
                .forEach(h -> headers.put(h.at("/name").asText(), h.at("/value").asText()));
        assertEquals(Map.of("content-type", "application/pdf"), headers);
        // the length is signed too, though the HTTP stack sends it from the body
        assertTrue(url.getQuery().contains("X-Amz-SignedHeaders=content-length"), url.toString());
        Instant expiresAt = Instant.parse(upload.at("/expiresAt").asText());
        assertTrue(
                !expiresAt.isBefore(before.plus(Duration.ofMinutes(10)).minusSeconds(1))
                        && !expiresAt.isAfter(Instant.now().plus(Duration.ofMinutes(10))),
                expiresAt.toString());

        // AND the upload waits, PENDING, with what was declared and who declared it
        PendingUpload stored = api.services.uploads().find(id).orElseThrow();
        assertEquals(12345, stored.request().size());
        assertEquals(customerId, stored.request().entityId());
        assertEquals("Customer", stored.entityType());
        assertEquals(rep.get("sub"), stored.uploadedBy());
        assertEquals("法律意见书.pdf", stored.request().fileName());
        assertTrue(stored.objectKey().endsWith(id), stored.objectKey());
    }

    @Test
    void createUpload_forAnotherRepsCustomer_isNotFound() {
        // GIVEN a customer of another rep
        String othersCustomer = customerOf(api.freshRep());

        // WHEN this rep asks to attach a file to it
        JsonNode error = createUpload(rep, attachment(othersCustomer, 100)).at("/errors/0");

        // THEN it does not exist for them
        assertEquals("NOT_FOUND", error.at("/extensions/code").asText(), error.toString());
    }

    @Test
    void createUpload_ofALeadImportWithoutChannel_isBadUserInputOnChannel() {
        Map<String, String> lead =
                api.claims("lead-" + java.util.UUID.randomUUID(), "TEAM_LEAD", "east");
        Map<String, Object> input =
                Map.of(
                        "purpose", "LEAD_IMPORT",
                        "fileName", "leads.csv",
                        "contentType", "text/csv",
                        "size", 1000);

        JsonNode error = createUpload(lead, input).at("/errors/0");

        assertEquals("BAD_USER_INPUT", error.at("/extensions/code").asText(), error.toString());
        assertEquals("channel", error.at("/extensions/field").asText());
        assertEquals("required", error.at("/extensions/rule").asText());
    }

    @Test
    void createUpload_ofALeadImportOnAnUnknownChannel_isBadUserInputListingTheChannels() {
        Map<String, String> lead =
                api.claims("lead-" + java.util.UUID.randomUUID(), "TEAM_LEAD", "east");
        Map<String, Object> input =
                Map.of(
                        "purpose", "LEAD_IMPORT",
                        "fileName", "leads.csv",
                        "contentType", "text/csv",
                        "size", 1000,
                        "channel", "no-such-channel");

        JsonNode error = createUpload(lead, input).at("/errors/0");

        assertEquals("BAD_USER_INPUT", error.at("/extensions/code").asText(), error.toString());
        assertEquals("channel", error.at("/extensions/field").asText());
        assertEquals("knownChannel", error.at("/extensions/rule").asText());
    }

    @Test
    void createUpload_ofALeadImportByARep_isForbidden_likeStartLeadImport() {
        Map<String, Object> input =
                Map.of(
                        "purpose", "LEAD_IMPORT",
                        "fileName", "leads.csv",
                        "contentType", "text/csv",
                        "size", 1000,
                        "channel", "csv");

        JsonNode error = createUpload(rep, input).at("/errors/0");

        assertEquals("FORBIDDEN", error.at("/extensions/code").asText(), error.toString());
    }

    @Test
    void createUpload_ofAConsistencyDiff_isForAdminsOnly() {
        Map<String, Object> input =
                Map.of(
                        "purpose", "CONSISTENCY_DIFF",
                        "fileName", "erp.csv",
                        "contentType", "text/csv",
                        "size", 1000,
                        "system", "ERP");
        Map<String, String> admin =
                api.claims("admin-" + java.util.UUID.randomUUID(), "ADMIN", "east");

        JsonNode byRep = createUpload(rep, input);
        JsonNode byAdmin = createUpload(admin, input);

        assertEquals("FORBIDDEN", byRep.at("/errors/0/extensions/code").asText(), byRep.toString());
        assertTrue(
                byAdmin.at("/data/createUpload/url")
                        .asText()
                        .contains("/uploads/consistency_diff/"),
                byAdmin.toString());
    }

    @Test
    void createUpload_overTheAttachmentLimit_isBadUserInputWithTheLimit() {
        JsonNode error =
                createUpload(rep, attachment(customerOf(rep), 20L * 1024 * 1024 + 1))
                        .at("/errors/0");

        assertEquals("BAD_USER_INPUT", error.at("/extensions/code").asText(), error.toString());
        assertEquals("size", error.at("/extensions/field").asText());
        assertEquals(20 * 1024 * 1024, error.at("/extensions/limit").asInt());
    }
}

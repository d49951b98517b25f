package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.opencrm.core.files.Attachment;
import org.opencrm.core.files.AttachmentStore;
import org.opencrm.core.files.PendingUpload;
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
    private static final String CREATE_CONTRACT =
            """
            mutation($in: ContractInput!) { createContract(input: $in) { id } }""";
    private static final String CREATE_UPLOAD =
            """
            mutation($in: UploadInput!) { createUpload(input: $in) { id } }""";
    private static final String CONTRACT_ATTACHMENTS =
            """
            query($id: ID!) {
              contract(id: $id) { id attachments { id entityId kind fileName uploadedBy } }
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

    /** A contract of the owner's new customer, signed an hour ago (a paper contract). */
    private String signedContractOf(Map<String, String> owner) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("number", "HT-" + UUID.randomUUID().toString().substring(0, 13));
        input.put("customerId", customerOf(owner));
        input.put("amount", "100000.00");
        input.put("taxRate", "0.13");
        input.put("signedAt", Instant.now().minusSeconds(3600).toString());
        JsonNode created = api.run(owner, CREATE_CONTRACT, Map.of("in", input));
        assertTrue(created.at("/errors").isMissingNode(), created.toString());
        return created.at("/data/createContract/id").asText();
    }

    /** Declares a scan of the contract as the caller; the answer of createUpload. */
    private JsonNode declareScan(Map<String, String> caller, String contractId) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("purpose", "ATTACHMENT");
        input.put("fileName", "合同扫描件 p1-3.pdf");
        input.put("contentType", "application/pdf");
        input.put("size", 4096);
        input.put("entityId", contractId);
        input.put("kind", "CONTRACT_SCAN");
        return api.run(caller, CREATE_UPLOAD, Map.of("in", input));
    }

    /** The attachment the arrival step writes once the declared upload's file arrived. */
    private Attachment arrived(String uploadId, Instant at) {
        PendingUpload upload = api.services.uploads().find(uploadId).orElseThrow();
        Attachment attachment =
                Attachment.builder()
                        .id(upload.id())
                        .entityId(upload.request().entityId())
                        .entityType(upload.entityType())
                        .kind(upload.request().kind())
                        .fileName(upload.request().fileName())
                        .contentType(upload.request().contentType())
                        .size(upload.request().size())
                        .sha256("e".repeat(64))
                        .uploadedBy(upload.uploadedBy())
                        .uploadedAt(at)
                        .objectKey(upload.objectKey())
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

    @Test
    void aRepsScanOfTheirSignedContract_isListedOnTheContract_forFinance() {
        // GIVEN a rep's signed contract, and finance
        String contractId = signedContractOf(rep);
        Map<String, String> finance = api.claims("fin-" + UUID.randomUUID(), "FINANCE", "east");

        // WHEN the rep declares the scanned pages as a CONTRACT_SCAN and the file arrives
        JsonNode declared = declareScan(rep, contractId);
        assertTrue(declared.at("/errors").isMissingNode(), declared.toString());
        String uploadId = declared.at("/data/createUpload/id").asText();
        Attachment scan = arrived(uploadId, Instant.parse("2026-11-03T08:00:00Z"));

        // THEN the upload was filed under the contract
        assertEquals("Contract", scan.entityType());
        // AND finance sees the scan on the contract, as the rep declared it
        JsonNode read = api.run(finance, CONTRACT_ATTACHMENTS, Map.of("id", contractId));
        assertTrue(read.at("/errors").isMissingNode(), read.toString());
        JsonNode listed = read.at("/data/contract/attachments");
        assertEquals(List.of(uploadId), ids(listed));
        assertEquals(contractId, listed.get(0).at("/entityId").asText());
        assertEquals("CONTRACT_SCAN", listed.get(0).at("/kind").asText());
        assertEquals("合同扫描件 p1-3.pdf", listed.get(0).at("/fileName").asText());
        assertEquals(rep.get("sub"), listed.get(0).at("/uploadedBy").asText());
        // AND attachments(entityId) lists the same for the rep
        JsonNode byId = api.run(rep, ATTACHMENTS, Map.of("id", contractId));
        assertEquals(List.of(uploadId), ids(byId.at("/data/attachments")), byId.toString());
    }

    @Test
    void aRepOfAnotherTeam_cannotAttachToTheContract_norListItsScans_asIfItDidNotExist() {
        // GIVEN a rep's contract with a scan, and a rep of another team
        String contractId = signedContractOf(rep);
        arrived(
                declareScan(rep, contractId).at("/data/createUpload/id").asText(),
                Instant.parse("2026-11-03T08:00:00Z"));
        Map<String, String> outsider = api.claims("rep-" + UUID.randomUUID(), "SALES_REP", "west");

        // WHEN the outsider declares a scan of it, and lists its attachments
        JsonNode declared = declareScan(outsider, contractId);
        JsonNode listed = api.run(outsider, ATTACHMENTS, Map.of("id", contractId));

        // THEN both are NOT_FOUND naming no record type, and nothing of it is returned
        assertEquals(
                "NOT_FOUND",
                declared.at("/errors/0/extensions/code").asText(),
                declared.toString());
        assertTrue(declared.at("/data").isNull(), declared.toString());
        assertEquals(
                "NOT_FOUND", listed.at("/errors/0/extensions/code").asText(), listed.toString());
        assertTrue(listed.at("/data").isNull(), listed.toString());
        assertFalse(listed.toString().contains("Contract"), listed.toString());
        assertFalse(declared.toString().contains("Contract"), declared.toString());
    }

    @Test
    void aReadOnlyRoleOnContracts_seesTheScans_butMayNotAttachOne() {
        // GIVEN a rep's contract with a scan, and the operations director (reads every contract,
        // changes none)
        String contractId = signedContractOf(rep);
        String uploadId = declareScan(rep, contractId).at("/data/createUpload/id").asText();
        arrived(uploadId, Instant.parse("2026-11-03T08:00:00Z"));
        Map<String, String> director =
                api.claims("ops-" + UUID.randomUUID(), "OPS_DIRECTOR", "east");

        // WHEN the director declares another scan, and reads the contract
        JsonNode declared = declareScan(director, contractId);
        JsonNode read = api.run(director, CONTRACT_ATTACHMENTS, Map.of("id", contractId));

        // THEN the upload is FORBIDDEN, while the contract lists the rep's scan
        assertEquals(
                "FORBIDDEN",
                declared.at("/errors/0/extensions/code").asText(),
                declared.toString());
        assertTrue(declared.at("/data").isNull(), declared.toString());
        assertEquals(
                List.of(uploadId), ids(read.at("/data/contract/attachments")), read.toString());
    }

    @Test
    void aPageOfContracts_listsEachContractsOwnAttachments_newestFirst() {
        // GIVEN a rep's two contracts, one with two scans, the other with none
        String scanned = signedContractOf(rep);
        String bare = signedContractOf(rep);
        String first = declareScan(rep, scanned).at("/data/createUpload/id").asText();
        String second = declareScan(rep, scanned).at("/data/createUpload/id").asText();
        arrived(first, Instant.parse("2026-11-03T08:00:00Z"));
        arrived(second, Instant.parse("2026-11-04T08:00:00Z"));

        // WHEN the rep lists their contracts with their attachments
        JsonNode page =
                api.run(
                        rep,
                        "{ contracts(first: 10) { edges { node { id attachments { id } } } } }",
                        Map.of());

        // THEN each contract shows its own, newest first
        assertTrue(page.at("/errors").isMissingNode(), page.toString());
        Map<String, List<String>> byContract = new HashMap<>();
        page.at("/data/contracts/edges")
                .forEach(
                        edge ->
                                byContract.put(
                                        edge.at("/node/id").asText(),
                                        ids(edge.at("/node/attachments"))));
        assertEquals(List.of(second, first), byContract.get(scanned));
        assertEquals(List.of(), byContract.get(bare));
    }
}

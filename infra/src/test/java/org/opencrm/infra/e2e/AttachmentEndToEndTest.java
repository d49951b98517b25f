package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.files.ArrivalOutcome;
import org.opencrm.core.files.StoredObject;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.store.S3Clients;
import org.opencrm.infra.TestSupport;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Attachments in the local cloud, as a client makes them: createUpload, a PUT of the file to the
 * presigned URL, S3Proxy's ObjectCreated event to FileArrivedFunction, then attachments(entityId)
 * and a GET of its downloadUrl, all over real HTTP.
 */
class AttachmentEndToEndTest extends LocalCloudEndToEnd {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private static final String CREATE_UPLOAD =
            """
            mutation($in: UploadInput!) {
              createUpload(input: $in) { id url method headers { name value } expiresAt }
            }""";
    private static final String ATTACHMENTS =
            """
            query($id: ID!) {
              attachments(entityId: $id) { id kind fileName size sha256 uploadedBy uploadedAt downloadUrl }
            }""";
    private static final String CONTRACT_ATTACHMENTS =
            """
            query($id: ID!) {
              contract(id: $id) { attachments { id entityId kind fileName contentType size sha256 uploadedBy downloadUrl } }
            }""";
    // the start of a JPEG (SOI, then a JFIF APP0 segment), as a scanner writes it
    private static final byte[] JPEG = {
        (byte) 0xff,
        (byte) 0xd8,
        (byte) 0xff,
        (byte) 0xe0,
        0x00,
        0x10,
        'J',
        'F',
        'I',
        'F',
        0x00,
        0x01,
        0x01,
        0x00,
        0x00,
        0x48,
        0x00,
        0x48,
        0x00,
        0x00,
        (byte) 0xff,
        (byte) 0xd9
    };
    private static final byte[] PDF =
            "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% a legal opinion\n%%EOF\n"
                    .getBytes(StandardCharsets.US_ASCII);

    private static CoreServices services;
    private static S3Clients s3;

    @BeforeAll
    static void servicesOfTheLocalCloud() throws Exception {
        // the functions' own wiring, to deliver an event a second time as S3 may
        services = cloud.services();
        s3 = S3Clients.from(RuntimeEnvironment.current());
    }

    @AfterAll
    static void closeTheClients() {
        s3.close();
    }

    /** A team: a team lead and a rep reporting to them, in a team of their own. */
    private record Team(String leadToken, String repId, String repToken) {}

    private static Team team(String region) {
        String teamName = ApiClient.unique("att-team");
        String leadId = ApiClient.unique("att-lead");
        String leadToken = api.createUser(leadId, "TEAM_LEAD", region, teamName, null);
        String repId = ApiClient.unique("att-rep");
        String repToken = api.createUser(repId, "SALES_REP", region, teamName, leadId);
        return new Team(leadToken, repId, repToken);
    }

    private static String customerOf(String token) {
        return api.data(
                        token,
                        "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }",
                        Map.of(
                                "in",
                                Map.of(
                                        "name",
                                        ApiClient.unique("Attach Co"),
                                        "phone",
                                        ApiClient.uniqueMobile())))
                .at("/createCustomer/id")
                .asText();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Declares a PDF for the customer and PUTs {@code body} to its URL; returns the upload id. */
    private static String upload(String token, String customerId, byte[] body, String sha256)
            throws Exception {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("purpose", "ATTACHMENT");
        input.put("fileName", "法律意见书 (final).pdf");
        input.put("contentType", "application/pdf");
        input.put("size", body.length);
        input.put("sha256", sha256);
        input.put("entityId", customerId);
        input.put("kind", "LEGAL_OPINION");
        return put(token, input, body);
    }

    /** Declares the upload and PUTs {@code body} to its presigned URL; returns the upload id. */
    private static String put(String token, Map<String, Object> input, byte[] body)
            throws Exception {
        JsonNode upload = api.data(token, CREATE_UPLOAD, Map.of("in", input)).at("/createUpload");
        HttpRequest.Builder put =
                HttpRequest.newBuilder(URI.create(upload.at("/url").asText()))
                        .method(
                                upload.at("/method").asText(),
                                HttpRequest.BodyPublishers.ofByteArray(body));
        upload.at("/headers")
                .forEach(h -> put.header(h.at("/name").asText(), h.at("/value").asText()));
        HttpResponse<String> stored = HTTP.send(put.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stored.statusCode(), stored.body());
        return upload.at("/id").asText();
    }

    private static JsonNode attachmentsAs(String token, String customerId) {
        return api.run(token, ATTACHMENTS, Map.of("id", customerId));
    }

    private static List<String> listedIds(String token, String customerId) {
        JsonNode listed = attachmentsAs(token, customerId).at("/data/attachments");
        return StreamSupport.stream(listed.spliterator(), false)
                .map(node -> node.at("/id").asText())
                .toList();
    }

    /** Waits until the arrival refused the upload and deleted its object. */
    private static void awaitRefused(String uploadId) {
        TestSupport.await(
                "upload " + uploadId + " refused and its object deleted",
                () ->
                        "REFUSED".equals(services.uploads().find(uploadId).orElseThrow().status())
                                && !objectExists("uploads/attachment/" + uploadId));
    }

    private static HttpResponse<byte[]> get(String url) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static boolean objectExists(String key) {
        try {
            s3.client().headObject(head -> head.bucket(s3.bucket()).key(key));
            return true;
        } catch (NoSuchKeyException gone) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception notFound) {
            if (notFound.statusCode() == 404) {
                return false;
            }
            throw notFound;
        }
    }

    @Test
    void aPdfARepAttachesToTheirCustomer_isListedAndDownloadable_byThoseWhoSeeTheCustomerOnly()
            throws Exception {
        // GIVEN a rep, their team lead, a rep of another region, and the rep's customer
        Team east = team("east");
        String outsider = team("west").repToken();
        String customerId = customerOf(east.repToken());

        // WHEN the rep uploads a PDF for the customer, with its checksum, and S3 reports it
        String sha256 = sha256(PDF);
        String uploadId = upload(east.repToken(), customerId, PDF, sha256);
        TestSupport.await(
                "the attachment listed",
                () -> listedIds(east.repToken(), customerId).contains(uploadId));

        // THEN the rep, their team lead and the admin see it, as uploaded
        for (String reader : List.of(east.repToken(), east.leadToken(), api.adminToken())) {
            assertEquals(List.of(uploadId), listedIds(reader, customerId));
        }
        JsonNode attachment = attachmentsAs(east.leadToken(), customerId).at("/data/attachments/0");
        assertEquals("法律意见书 (final).pdf", attachment.at("/fileName").asText());
        assertEquals("LEGAL_OPINION", attachment.at("/kind").asText());
        assertEquals(PDF.length, attachment.at("/size").asInt());
        assertEquals(sha256, attachment.at("/sha256").asText());
        assertEquals(east.repId(), attachment.at("/uploadedBy").asText());
        // AND its download URL gives the same bytes, named and typed for saving
        HttpResponse<byte[]> download = get(attachment.at("/downloadUrl").asText());
        assertEquals(200, download.statusCode());
        assertArrayEquals(PDF, download.body());
        assertEquals(
                "application/pdf", download.headers().firstValue("content-type").orElseThrow());
        assertEquals(
                "attachment; filename*=UTF-8''%E6%B3%95%E5%BE%8B%E6%84%8F%E8%A7%81%E4%B9%A6"
                        + "%20%28final%29.pdf",
                download.headers().firstValue("content-disposition").orElseThrow());
        // AND a rep of another region is told the customer does not exist
        JsonNode refused = attachmentsAs(outsider, customerId);
        assertEquals("NOT_FOUND", ApiClient.outcome(refused), refused.toString());
        assertTrue(refused.at("/data").isNull(), refused.toString());
    }

    @Test
    void aRedeliveredEvent_changesNothing_andTheAttachmentHasOneAuditRowInItsCustomersTrail()
            throws Exception {
        // GIVEN a PDF attached to a rep's customer
        Team east = team("east");
        String customerId = customerOf(east.repToken());
        String uploadId = upload(east.repToken(), customerId, PDF, null);
        TestSupport.await(
                "the attachment listed",
                () -> listedIds(east.repToken(), customerId).contains(uploadId));
        String key = "uploads/attachment/" + uploadId;
        String eTag = s3.client().headObject(head -> head.bucket(s3.bucket()).key(key)).eTag();

        // WHEN S3 delivers its event again
        ArrivalOutcome again =
                services.uploadArrivals().arrived(new StoredObject(key, PDF.length, eTag));

        // THEN it was handled already: still one attachment
        assertEquals(ArrivalOutcome.ALREADY_HANDLED, again);
        assertEquals(List.of(uploadId), listedIds(east.repToken(), customerId));
        // AND the customer's trail holds exactly one row for it, by the uploader
        TestSupport.await(
                "the attachment's audit row",
                () -> attachmentRows(customerId, uploadId).size() >= 1);
        List<JsonNode> rows = attachmentRows(customerId, uploadId);
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("CREATE", rows.get(0).at("/operation").asText());
        assertEquals(east.repId(), rows.get(0).at("/actorId").asText());
    }

    /** The record's audit rows that record the attachment with this id. */
    private static List<JsonNode> attachmentRows(String recordId, String attachmentId) {
        return api.auditTrail(api.adminToken(), recordId).stream()
                .filter(
                        row ->
                                StreamSupport.stream(row.at("/changes").spliterator(), false)
                                        .anyMatch(
                                                change ->
                                                        "id".equals(change.at("/field").asText())
                                                                && attachmentId.equals(
                                                                        change.at("/after")
                                                                                .asText())))
                .toList();
    }

    @Test
    void aTamperedDownloadUrl_isRefusedByTheLocalS3Api_andAnExpiredOneToo() throws Exception {
        // GIVEN an attachment and its download URL
        Team east = team("east");
        String customerId = customerOf(east.repToken());
        String uploadId = upload(east.repToken(), customerId, PDF, null);
        TestSupport.await(
                "the attachment listed",
                () -> listedIds(east.repToken(), customerId).contains(uploadId));
        String url =
                attachmentsAs(east.repToken(), customerId)
                        .at("/data/attachments/0/downloadUrl")
                        .asText();
        String signature = url.replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1");
        String otherSignature = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);

        // WHEN its signature, its key or its lifetime is changed
        HttpResponse<byte[]> wrongSignature = get(url.replace(signature, otherSignature));
        HttpResponse<byte[]> otherKey = get(url.replace(uploadId, UUID.randomUUID().toString()));
        HttpResponse<byte[]> longerLife =
                get(url.replace("X-Amz-Expires=300", "X-Amz-Expires=3000"));

        // THEN each is refused, while the URL as given works
        assertEquals(403, wrongSignature.statusCode());
        assertEquals(403, otherKey.statusCode());
        assertEquals(403, longerLife.statusCode());
        assertEquals(200, get(url).statusCode());

        // AND a URL to the same object that has expired is refused too (S3Proxy checks expiry
        // against the machine clock: signed valid for one second, used after two)
        String shortLived =
                s3.presigner()
                        .presignGetObject(
                                presign ->
                                        presign.signatureDuration(Duration.ofSeconds(1))
                                                .getObjectRequest(
                                                        object ->
                                                                object.bucket(s3.bucket())
                                                                        .key(
                                                                                "uploads/attachment/"
                                                                                        + uploadId)))
                        .url()
                        .toString();
        Thread.sleep(2_100);
        assertEquals(403, get(shortLived).statusCode());
    }

    @Test
    void aPdfWhoseDeclaredSha256DiffersFromItsBytes_isRefused_neverListed_andDeleted()
            throws Exception {
        // GIVEN a rep's customer
        Team east = team("east");
        String customerId = customerOf(east.repToken());

        // WHEN the rep declares the checksum of another file and uploads this one
        String otherFilesSha = sha256("another file".getBytes(StandardCharsets.US_ASCII));
        String uploadId = upload(east.repToken(), customerId, PDF, otherFilesSha);
        awaitRefused(uploadId);

        // THEN it is never listed, and its object is gone
        assertEquals(List.of(), listedIds(east.repToken(), customerId));
        assertFalse(objectExists("uploads/attachment/" + uploadId));
    }

    @Test
    void bytesThatAreNotAPdf_declaredAsOne_areRefused_andNeverListed() throws Exception {
        // GIVEN a rep's customer
        Team east = team("east");
        String customerId = customerOf(east.repToken());

        // WHEN the rep uploads an HTML page declared as application/pdf
        byte[] html = "<html><body>not a pdf</body></html>".getBytes(StandardCharsets.US_ASCII);
        String uploadId = upload(east.repToken(), customerId, html, null);
        awaitRefused(uploadId);

        // THEN it is never listed, and its object is gone
        assertEquals(List.of(), listedIds(east.repToken(), customerId));
        assertFalse(objectExists("uploads/attachment/" + uploadId));
    }

    /** A contract of the owner's new customer, recorded as signed an hour ago. */
    private static String signedContractOf(String token) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("number", ApiClient.unique("HT-SCAN").toUpperCase(java.util.Locale.ROOT));
        input.put("customerId", customerOf(token));
        input.put("amount", "100000.00");
        input.put("taxRate", "0.13");
        input.put("signedAt", Instant.now().minusSeconds(3600).toString());
        return api.data(
                        token,
                        "mutation($in: ContractInput!) { createContract(input: $in) { id } }",
                        Map.of("in", input))
                .at("/createContract/id")
                .asText();
    }

    private static JsonNode contractAttachmentsAs(String token, String contractId) {
        return api.run(token, CONTRACT_ATTACHMENTS, Map.of("id", contractId));
    }

    @Test
    void aScanARepPutsForTheirSignedContract_isListedOnTheContract_forFinance_andInItsTrail()
            throws Exception {
        // GIVEN a rep's signed contract, finance, and a rep of another region
        Team east = team("east");
        String finance = api.createUser(ApiClient.unique("att-fin"), "FINANCE", "east", null, null);
        String outsider = team("west").repToken();
        String contractId = signedContractOf(east.repToken());

        // WHEN the rep PUTs the scanned pages, a JPEG, as the contract's CONTRACT_SCAN
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("purpose", "ATTACHMENT");
        input.put("fileName", "合同扫描件 第1页.jpg");
        input.put("contentType", "image/jpeg");
        input.put("size", JPEG.length);
        input.put("sha256", sha256(JPEG));
        input.put("entityId", contractId);
        input.put("kind", "CONTRACT_SCAN");
        String uploadId = put(east.repToken(), input, JPEG);
        TestSupport.await(
                "the scan listed on the contract",
                () ->
                        contractAttachmentsAs(finance, contractId)
                                .at("/data/contract/attachments/0/id")
                                .asText()
                                .equals(uploadId));

        // THEN finance sees it on the contract, as the rep declared it
        JsonNode scan = contractAttachmentsAs(finance, contractId).at("/data/contract/attachments");
        assertEquals(1, scan.size(), scan.toString());
        assertEquals(contractId, scan.at("/0/entityId").asText());
        assertEquals("CONTRACT_SCAN", scan.at("/0/kind").asText());
        assertEquals("image/jpeg", scan.at("/0/contentType").asText());
        assertEquals(JPEG.length, scan.at("/0/size").asInt());
        assertEquals(sha256(JPEG), scan.at("/0/sha256").asText());
        assertEquals(east.repId(), scan.at("/0/uploadedBy").asText());
        // AND its download URL gives the scanned bytes back
        HttpResponse<byte[]> download = get(scan.at("/0/downloadUrl").asText());
        assertEquals(200, download.statusCode());
        assertArrayEquals(JPEG, download.body());
        // AND the contract's trail holds the attachment, by the rep
        TestSupport.await(
                "the scan's audit row in the contract's trail",
                () -> attachmentRows(contractId, uploadId).size() >= 1);
        List<JsonNode> rows = attachmentRows(contractId, uploadId);
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("CREATE", rows.get(0).at("/operation").asText());
        assertEquals(east.repId(), rows.get(0).at("/actorId").asText());
        // AND a rep of another region is told the contract does not exist
        JsonNode refused = attachmentsAs(outsider, contractId);
        assertEquals("NOT_FOUND", ApiClient.outcome(refused), refused.toString());
    }
}

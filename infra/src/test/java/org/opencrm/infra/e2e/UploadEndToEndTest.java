package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.store.S3Clients;

/**
 * createUpload in the local cloud: the API's presigned URL, PUT as a client would with the headers
 * it returned, is accepted by the local S3 API only for the declared size and type.
 */
class UploadEndToEndTest extends LocalCloudEndToEnd {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private static final String CREATE_UPLOAD =
            """
            mutation($in: UploadInput!) {
              createUpload(input: $in) { id url method headers { name value } fields { name value } expiresAt }
            }""";

    private static String rep() {
        return api.createUser(ApiClient.unique("rep"), "SALES_REP", "east", "east-a", null);
    }

    private static String customerOf(String token) {
        return api.data(
                        token,
                        "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }",
                        Map.of(
                                "in",
                                Map.of(
                                        "name",
                                        ApiClient.unique("Upload Co"),
                                        "phone",
                                        ApiClient.uniqueMobile())))
                .at("/createCustomer/id")
                .asText();
    }

    private static Map<String, Object> pdfAttachment(String customerId, int size) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("purpose", "ATTACHMENT");
        input.put("fileName", "legal opinion.pdf");
        input.put("contentType", "application/pdf");
        input.put("size", size);
        input.put("entityId", customerId);
        input.put("kind", "LEGAL_OPINION");
        return input;
    }

    /** PUTs the body with the upload's headers, the content type replaced when one is given. */
    private static HttpResponse<String> put(JsonNode upload, byte[] body, String contentType)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(upload.at("/url").asText()))
                        .method(
                                upload.at("/method").asText(),
                                HttpRequest.BodyPublishers.ofByteArray(body));
        for (JsonNode header : upload.at("/headers")) {
            String name = header.at("/name").asText();
            boolean replaced = contentType != null && name.equalsIgnoreCase("content-type");
            request.header(name, replaced ? contentType : header.at("/value").asText());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRepsPdfForTheirCustomer_isStoredUnderOurKey_onlyWithTheDeclaredSizeAndType()
            throws Exception {
        // GIVEN a rep, their customer, and an upload of a PDF declared for it
        String rep = rep();
        byte[] pdf = "%PDF-1.7\n% an opinion\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        JsonNode upload =
                api.data(
                                rep,
                                CREATE_UPLOAD,
                                Map.of("in", pdfAttachment(customerOf(rep), pdf.length)))
                        .at("/createUpload");

        // WHEN a body of another size, then another type, then the declared file is PUT
        byte[] longer =
                (new String(pdf, StandardCharsets.US_ASCII) + "x")
                        .getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> wrongSize = put(upload, longer, null);
        HttpResponse<String> wrongType = put(upload, pdf, "image/png");
        HttpResponse<String> declared = put(upload, pdf, null);

        // THEN only the declared one is accepted, and it is in the bucket under our key
        assertEquals(403, wrongSize.statusCode(), wrongSize.body());
        assertEquals(403, wrongType.statusCode(), wrongType.body());
        assertEquals(200, declared.statusCode(), declared.body());
        String key = "uploads/attachment/" + upload.at("/id").asText();
        try (S3Clients s3 = S3Clients.from(RuntimeEnvironment.current())) {
            byte[] stored =
                    s3.client()
                            .getObjectAsBytes(get -> get.bucket(s3.bucket()).key(key))
                            .asByteArray();
            assertArrayEquals(pdf, stored);
        }
    }

    @Test
    void anUploadForAnotherRepsCustomer_isNotFound() {
        // GIVEN a customer of another rep
        String othersCustomer = customerOf(rep());

        // WHEN a rep asks to attach a file to it
        JsonNode body =
                api.run(rep(), CREATE_UPLOAD, Map.of("in", pdfAttachment(othersCustomer, 10)));

        // THEN it does not exist for them
        assertEquals("NOT_FOUND", ApiClient.outcome(body), body.toString());
    }

    @Test
    void aLeadImportWithoutChannel_isBadUserInputOnChannel() {
        // GIVEN a team lead, who may import leads
        String teamLead =
                api.createUser(ApiClient.unique("lead"), "TEAM_LEAD", "east", "east-a", null);
        Map<String, Object> input =
                Map.of(
                        "purpose", "LEAD_IMPORT",
                        "fileName", "leads.csv",
                        "contentType", "text/csv",
                        "size", 1_000);

        // WHEN an import upload names no channel
        JsonNode body = api.run(teamLead, CREATE_UPLOAD, Map.of("in", input));

        // THEN the refusal names the field
        assertEquals("BAD_USER_INPUT", ApiClient.outcome(body), body.toString());
        assertEquals("channel", body.at("/errors/0/extensions/field").asText());
    }
}

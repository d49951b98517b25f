package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.core.time.AppClock;
import org.opencrm.infra.TestSupport;

/**
 * Issue 17's consistency diff in the local cloud over the real S3 API: another system's JSON export
 * declared with createUpload(purpose: CONSISTENCY_DIFF, system), PUT to the presigned URL
 * (S3Proxy), diffed by the bucket's event (FileArrivedFunction), read over the API and as the
 * report's CSV from its presigned URL, then applied with LATEST_WINS.
 */
class ConsistencyEndToEndTest extends LocalCloudEndToEnd {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    // a system no other test of the shared cloud gives ids, so MISSING_THERE is this test's own
    private static final String SYSTEM = "WECHAT_UNIONID";
    private static final String REPORT =
            """
            query($id: ID!, $after: String) {
              consistencyReport(id: $id) {
                status processed total matched missingHere missingThere mismatched duplicates csvUrl
                rows(first: 50, after: $after) {
                  edges { node { number kind externalId customerId
                    differences { field here there changedLast } } }
                  pageInfo { hasNextPage endCursor }
                }
              }
            }""";

    @Test
    void anExport_uploadedByUrl_isDiffedOnArrival_downloadableAsCsv_andAppliedLatestWins()
            throws Exception {
        // GIVEN three customers known to the other system: A as it is there, B renamed there
        // since, C missing from its export; and D, which only the export has
        String admin = api.adminToken();
        String run = ApiClient.unique("u");
        String a = customer(admin, "Consistent Co " + run, run + "-A");
        String b = customer(admin, "Old Name Co " + run, run + "-B");
        String c = customer(admin, "Forgotten Co " + run, run + "-C");
        String later = AppClock.SHARED.instant().plusSeconds(3_600).toString();
        List<Map<String, Object>> export = new ArrayList<>();
        export.add(Map.of("externalId", run + "-A", "name", "Consistent Co " + run));
        export.add(
                Map.of("externalId", run + "-B", "name", "New Name Co " + run, "updatedAt", later));
        export.add(Map.of("externalId", run + "-D", "name", "Only There Co " + run));
        byte[] file = JSON.writeValueAsBytes(export);

        // WHEN the export is declared, PUT through the presigned URL, and its report polled
        JsonNode upload =
                api.data(
                                admin,
                                "mutation($in: UploadInput!) { createUpload(input: $in) { id url method headers { name value } } }",
                                Map.of("in", uploadInput(file)))
                        .at("/createUpload");
        put(upload, file);
        String reportId = upload.at("/id").asText();
        TestSupport.await(
                "the consistency report",
                () ->
                        "DONE"
                                .equals(
                                        api.run(admin, REPORT, variables(reportId, null))
                                                .at("/data/consistencyReport/status")
                                                .asText()));
        JsonNode report =
                api.data(admin, REPORT, variables(reportId, null)).at("/consistencyReport");

        // THEN the export's rows come first in file order: A matched, B differing by name with
        // the other side changed last, D missing here; and C is among the customers it lacks
        assertEquals(3, report.at("/total").asInt(), report.toString());
        assertEquals(3, report.at("/processed").asInt());
        assertEquals(1, report.at("/matched").asInt());
        assertEquals(1, report.at("/mismatched").asInt());
        assertEquals(1, report.at("/missingHere").asInt());
        assertEquals(0, report.at("/duplicates").asInt());
        List<JsonNode> rows = allRows(admin, reportId);
        assertEquals(List.of("MATCHED", "MISMATCH", "MISSING_HERE"), kinds(rows.subList(0, 3)));
        assertEquals(a, rows.get(0).at("/customerId").asText());
        JsonNode difference = rows.get(1).at("/differences/0");
        assertEquals(b, rows.get(1).at("/customerId").asText());
        assertEquals("name", difference.at("/field").asText());
        assertEquals("Old Name Co " + run, difference.at("/here").asText());
        assertEquals("New Name Co " + run, difference.at("/there").asText());
        assertEquals("THERE", difference.at("/changedLast").asText());
        assertTrue(
                rows.stream()
                        .anyMatch(
                                row ->
                                        row.at("/kind").asText().equals("MISSING_THERE")
                                                && row.at("/customerId").asText().equals(c)),
                rows.toString());
        // AND the CSV downloads from its presigned URL with the difference in it
        HttpResponse<String> csv =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(report.at("/csvUrl").asText())).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.body().contains("New Name Co " + run), csv.body());

        // WHEN LATEST_WINS is applied to names
        JsonNode applied =
                api.data(
                                admin,
                                "mutation($id: ID!) { applyConsistencyReport(id: $id, rule: LATEST_WINS, fields: [\"name\"]) { customersChanged fieldsChanged } }",
                                Map.of("id", reportId))
                        .at("/applyConsistencyReport");

        // THEN only B changed, and its audit trail has the change
        assertEquals(1, applied.at("/customersChanged").asInt(), applied.toString());
        assertEquals(1, applied.at("/fieldsChanged").asInt());
        assertEquals("New Name Co " + run, name(admin, b));
        assertEquals("Consistent Co " + run, name(admin, a));
        assertEquals("Forgotten Co " + run, name(admin, c));
        List<JsonNode> trail = api.awaitAuditTrail(admin, b, 3);
        assertTrue(
                trail.stream().anyMatch(row -> row.toString().contains("New Name Co " + run)),
                trail.toString());
    }

    private static String customer(String admin, String name, String externalId) {
        String id =
                api.data(
                                admin,
                                "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id version } }",
                                Map.of(
                                        "in",
                                        Map.of("name", name, "phone", ApiClient.uniqueMobile())))
                        .at("/createCustomer/id")
                        .asText();
        int version =
                api.data(
                                admin,
                                "query($id: ID!) { customer(id: $id) { version } }",
                                Map.of("id", id))
                        .at("/customer/version")
                        .asInt();
        api.data(
                admin,
                "mutation($id: ID!, $v: Int!, $ext: String) { setCustomerExternalId(id: $id,"
                        + " expectedVersion: $v, system: "
                        + SYSTEM
                        + ", externalId: $ext) { id } }",
                Map.of("id", id, "v", version, "ext", externalId));
        return id;
    }

    private static String name(String admin, String id) {
        return api.data(admin, "query($id: ID!) { customer(id: $id) { name } }", Map.of("id", id))
                .at("/customer/name")
                .asText();
    }

    private static Map<String, Object> uploadInput(byte[] file) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("purpose", "CONSISTENCY_DIFF");
        input.put("fileName", "unionid-export.json");
        input.put("contentType", "application/json");
        input.put("size", file.length);
        input.put("system", SYSTEM);
        return input;
    }

    private static void put(JsonNode upload, byte[] file) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(upload.at("/url").asText()))
                        .method(
                                upload.at("/method").asText(),
                                HttpRequest.BodyPublishers.ofByteArray(file));
        for (JsonNode header : upload.at("/headers")) {
            request.header(header.at("/name").asText(), header.at("/value").asText());
        }
        HttpResponse<String> stored =
                HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stored.statusCode(), stored.body());
    }

    private static Map<String, Object> variables(String id, String after) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("id", id);
        variables.put("after", after);
        return variables;
    }

    private static List<JsonNode> allRows(String admin, String reportId) {
        List<JsonNode> rows = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            JsonNode page =
                    api.data(admin, REPORT, variables(reportId, after))
                            .at("/consistencyReport/rows");
            page.at("/edges").forEach(edge -> rows.add(edge.at("/node")));
            more = page.at("/pageInfo/hasNextPage").asBoolean();
            after = page.at("/pageInfo/endCursor").asText();
        }
        return rows;
    }

    private static List<String> kinds(List<JsonNode> rows) {
        return rows.stream().map(row -> row.at("/kind").asText()).toList();
    }
}

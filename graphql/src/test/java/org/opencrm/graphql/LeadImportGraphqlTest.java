package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.intake.LeadImportRequest;
import org.opencrm.core.testing.TestOrg;

/** The inline import's size limit and a refused file's reason, through the real schema. */
class LeadImportGraphqlTest {

    private final GraphqlFixture api = new GraphqlFixture();
    private final String adminId = "admin-" + UUID.randomUUID();
    private final Map<String, String> admin = api.claims(adminId, "ADMIN", "east");

    @Test
    void startLeadImport_overOneMegabyte_isBadUserInput_namingCsvTheLimitAndTheUpload() {
        // GIVEN a CSV just over 1 MB
        StringBuilder csv = new StringBuilder("name,mobile\n");
        while (csv.length() <= 1024 * 1024) {
            csv.append("Zhang San,13812345678\n");
        }

        // WHEN it is sent inline
        JsonNode error =
                api.run(
                                admin,
                                "mutation($csv: String!) { startLeadImport(channel: \"csv\","
                                        + " csv: $csv) { id } }",
                                Map.of("csv", csv.toString()))
                        .at("/errors/0");

        // THEN a clear refusal on csv, with the limit and where larger files go
        assertEquals("BAD_USER_INPUT", error.at("/extensions/code").asText(), error.toString());
        assertEquals("csv", error.at("/extensions/field").asText());
        assertEquals("maxBytes", error.at("/extensions/rule").asText());
        assertEquals(1_048_576, error.at("/extensions/limit").asInt());
        assertTrue(error.at("/message").asText().contains("createUpload"), error.toString());
    }

    @Test
    void leadImport_ofARefusedFile_isFailed_withItsRuleAndMessage() {
        // GIVEN a PDF started as an import (as the upload event would)
        Caller uploader = TestOrg.member(api.services, Role.ADMIN, null, null);
        byte[] pdf = "%PDF-1.7\n1 0 obj\n".getBytes(StandardCharsets.US_ASCII);
        String id = UUID.randomUUID().toString();
        api.services
                .imports()
                .startFromStream(
                        LeadImportRequest.builder()
                                .importId(id)
                                .channel("csv")
                                .uploader(uploader)
                                .source(() -> new ByteArrayInputStream(pdf))
                                .build());

        // WHEN an admin reads the import
        JsonNode job =
                api.run(
                                admin,
                                "query($id: ID!) { leadImport(id: $id) { status total"
                                        + " failure { field rule message limit } } }",
                                Map.of("id", id))
                        .at("/data/leadImport");

        // THEN FAILED, saying why
        assertEquals("FAILED", job.at("/status").asText(), job.toString());
        assertEquals("file", job.at("/failure/field").asText());
        assertEquals("notCsv", job.at("/failure/rule").asText());
        assertTrue(job.at("/failure/message").asText().contains("PDF"), job.toString());
        assertTrue(job.at("/failure/limit").isNull(), job.toString());
    }
}

package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.infra.bench.ImportBench;

/**
 * A CSV import through the whole local cloud: the upload answers at once, the import function works
 * through the chunks from the intake stream, a polling client sees the tally grow, and the final
 * tally is what the file holds. (ImportBench runs the same at 100,000 rows for the figures.)
 */
class LeadImportEndToEndTest extends LocalCloudEndToEnd {

    private static final int ROWS = 3_000;

    @Test
    void csvImport_showsProgressWhileItRuns_andEndsWithTheFilesTally() throws Exception {
        // GIVEN a file with fresh phones, every 50th row a repeat and every 100th a masked phone
        ImportBench.Sample sample = ImportBench.sample(ROWS);

        // WHEN an admin uploads it and polls the job
        JsonNode job =
                api.data(
                                api.adminToken(),
                                "mutation($csv: String!) { startLeadImport(channel: \"csv\", csv: $csv) "
                                        + "{ id total processed status } }",
                                Map.of("csv", sample.csv()))
                        .get("startLeadImport");
        String id = job.get("id").asText();
        List<Long> seen = new ArrayList<>();
        JsonNode state;
        do {
            Thread.sleep(150);
            state =
                    api.data(
                                    api.adminToken(),
                                    "query($id: ID!) { leadImport(id: $id) { status total processed accepted "
                                            + "merged quarantined } }",
                                    Map.of("id", id))
                            .get("leadImport");
            seen.add(state.get("processed").asLong());
        } while (!"DONE".equals(state.get("status").asText()) && seen.size() < 2_000);

        // THEN the upload answered before the work was done, and the tally grew in between
        assertEquals(ROWS, job.get("total").asInt());
        assertEquals("RUNNING", job.get("status").asText());
        assertTrue(
                seen.stream().anyMatch(processed -> processed > 0 && processed < ROWS),
                "no partial progress seen: " + seen);
        // AND the final tally is exactly what the file holds
        assertEquals("DONE", state.get("status").asText());
        assertEquals(ROWS, state.get("processed").asInt());
        assertEquals(sample.expectedAccepted(), state.get("accepted").asInt());
        assertEquals(sample.expectedMerged(), state.get("merged").asInt());
        assertEquals(sample.expectedQuarantined(), state.get("quarantined").asInt());
        // AND the error report lists the quarantined rows, first the 100th
        JsonNode report =
                api.data(
                                api.adminToken(),
                                "query($id: ID!) { leadImport(id: $id) { errorReport(first: 100) "
                                        + "{ csv rowCount pageInfo { hasNextPage } } } }",
                                Map.of("id", id))
                        .at("/leadImport/errorReport");
        assertEquals(sample.expectedQuarantined(), report.get("rowCount").asInt());
        String[] lines = report.get("csv").asText().split("\n");
        assertEquals("row,fields,rules,reasons,record", lines[0]);
        assertTrue(lines[1].startsWith("100,phone,masked,"), lines[1]);
    }
}

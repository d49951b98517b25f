package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opencrm.infra.e2e.ApiClient.unique;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencrm.core.counter.CounterStore;
import org.opencrm.core.store.Keys;
import org.opencrm.core.time.AppClock;
import org.opencrm.infra.bench.ExportBench;

/**
 * Large customer exports as a client sees them (issue 13, R-29): over 1,000 rows the API writes the
 * CSV to the files bucket (S3Proxy in the local cloud) and answers a presigned URL the client
 * downloads over plain HTTP. The breaker's daily limit is raised through the configuration API, as
 * an admin would for a bulk export.
 */
class LargeExportEndToEndTest extends LocalCloudEndToEnd {

    /** Enough rows that the URL path is taken with room to spare, seeded in a few seconds. */
    private static final int URL_ROWS = 3_000;

    /** What a region manager may read (policy.yaml): neither the national id nor the contract. */
    private static final List<String> MANAGER_COLUMNS =
            List.of(
                    "id",
                    "name",
                    "phone",
                    "email",
                    "wechatId",
                    "stage",
                    "level",
                    "region",
                    "team",
                    "ownerId",
                    "serviceAgentId",
                    "expectedDealAmount",
                    "remark",
                    "serviceNotes",
                    "createdAt",
                    "updatedAt");

    private static final String EXPORT =
            "mutation { exportCustomers { rowCount delivery csv downloadUrl expiresAt } }";
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final HttpClient HTTP =
            HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    @BeforeAll
    static void raiseTheDailyExportLimit() {
        String admin = api.createUser(unique("admin"), "ADMIN", null, null, null);
        JsonNode current =
                api.data(admin, "{ configuration(name: \"breaker\") { version } }", Map.of())
                        .get("configuration");
        api.data(
                admin,
                "mutation($v: Int!, $value: JSON!) { setConfiguration(name: \"breaker\", expectedVersion: $v, value: $value, note: \"bulk export test\") { version } }",
                Map.of(
                        "v",
                        current.get("version").asInt(),
                        "value",
                        Map.of(
                                "exportRowsPerDay",
                                1_000_000,
                                "levelChangesInRow",
                                3,
                                "levelChangeWindowHours",
                                24)));
    }

    @Test
    void exportOfMoreThanAThousandRows_arrivesByUrl_withTheReadableColumnsOnly_andIsCounted()
            throws Exception {
        // GIVEN a region whose rep owns 3,000 customers, each with a national id
        String region = unique("r");
        String repId = unique("rep");
        api.createUser(repId, "SALES_REP", region, region + "-a", null);
        String managerId = unique("mgr");
        String manager = api.createUser(managerId, "REGION_MANAGER", region, null, null);
        Instant seeding = Instant.now();
        Set<String> seeded = seedCustomers(repId, region, URL_ROWS);
        long countedBefore = exportedToday(managerId);

        // WHEN the region manager exports the region's customers
        Instant asked = Instant.now();
        JsonNode export = api.data(manager, EXPORT, Map.of()).get("exportCustomers");
        Instant answered = Instant.now();

        // THEN the answer is a URL valid for about 15 minutes, and no CSV
        assertEquals(URL_ROWS, export.get("rowCount").asInt(), export.toString());
        assertEquals("URL", export.get("delivery").asText());
        assertTrue(export.get("csv").isNull(), export.toString());
        Instant expiresAt = Instant.parse(export.get("expiresAt").asText());
        assertTrue(
                expiresAt.isAfter(asked.plus(Duration.ofMinutes(14)))
                        && expiresAt.isBefore(asked.plus(Duration.ofMinutes(16))),
                expiresAt.toString());

        // AND the client downloads it over plain HTTP as a UTF-8 CSV file with a byte order mark
        HttpResponse<byte[]> download = get(URI.create(export.get("downloadUrl").asText()));
        System.out.printf(
                "large export: %d rows, %d bytes (%d per row); seeded in %d ms, exported in %d ms,"
                        + " downloaded in %d ms%n",
                URL_ROWS,
                download.body().length,
                download.body().length / URL_ROWS,
                Duration.between(seeding, asked).toMillis(),
                Duration.between(asked, answered).toMillis(),
                Duration.between(answered, Instant.now()).toMillis());
        assertEquals(200, download.statusCode());
        assertEquals(
                "text/csv; charset=utf-8",
                download.headers().firstValue("content-type").orElse(""));
        assertTrue(
                download.headers()
                        .firstValue("content-disposition")
                        .orElse("")
                        .contains("attachment; filename=\"customers-" + appToday() + ".csv\""),
                download.headers().map().toString());
        byte[] body = download.body();
        assertArrayEquals(UTF8_BOM, Arrays.copyOf(body, 3));
        List<List<String>> records = parseCsv(body);

        // AND it has the header of the manager's readable columns and exactly one record per
        // customer
        assertEquals(MANAGER_COLUMNS, records.get(0));
        assertEquals(URL_ROWS + 1, records.size());
        Set<String> ids = new HashSet<>();
        records.subList(1, records.size()).forEach(record -> ids.add(record.get(0)));
        assertEquals(seeded, ids);
        assertFalse(
                new String(body, StandardCharsets.UTF_8).contains(ExportBench.NATIONAL_ID_PREFIX),
                "the manager's file leaks national ids");

        // AND the breaker counted every row
        assertEquals(countedBefore + URL_ROWS, exportedToday(managerId));

        // AND a tampered URL is refused by the storage
        String url = export.get("downloadUrl").asText();
        int signature = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        String tampered =
                url.substring(0, signature)
                        + (url.charAt(signature) == 'a' ? 'b' : 'a')
                        + url.substring(signature + 1);
        assertEquals(403, get(URI.create(tampered)).statusCode());

        // AND a rep of another region exports none of them
        String elsewhere = unique("r");
        String otherRep =
                api.createUser(unique("rep"), "SALES_REP", elsewhere, elsewhere + "-a", null);
        JsonNode theirs = api.data(otherRep, EXPORT, Map.of()).get("exportCustomers");
        assertEquals(0, theirs.get("rowCount").asInt(), theirs.toString());
        assertEquals("INLINE", theirs.get("delivery").asText());
        assertTrue(seeded.stream().noneMatch(theirs.get("csv").asText()::contains));
    }

    @Test
    void exportOfExactlyAThousandRows_staysInline_andOneMoreGoesByUrl() throws Exception {
        // GIVEN a rep who owns exactly 1,000 customers
        String region = unique("r");
        String repId = unique("rep");
        String rep = api.createUser(repId, "SALES_REP", region, region + "-a", null);
        seedCustomers(repId, region, 1_000);

        // WHEN they export THEN the CSV is in the answer, header and 1,000 lines
        JsonNode inline = api.data(rep, EXPORT, Map.of()).get("exportCustomers");
        assertEquals("INLINE", inline.get("delivery").asText());
        assertEquals(1_000 + 1, inline.get("csv").asText().lines().count());
        assertTrue(inline.get("downloadUrl").isNull(), inline.toString());

        // WHEN one more customer is theirs THEN the export goes by URL
        seedCustomers(repId, region, 1);
        JsonNode byUrl = api.data(rep, EXPORT, Map.of()).get("exportCustomers");
        assertEquals(1_001, byUrl.get("rowCount").asInt(), byUrl.toString());
        assertEquals("URL", byUrl.get("delivery").asText());
        assertTrue(byUrl.get("csv").isNull(), byUrl.toString());
        assertEquals(200, get(URI.create(byUrl.get("downloadUrl").asText())).statusCode());
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The local cloud's day: its functions run on the shared app clock, which tests may advance.
     */
    private static LocalDate appToday() {
        return LocalDate.ofInstant(AppClock.SHARED.instant(), ZoneOffset.UTC);
    }

    /** How many rows the user exported today, as the breaker counted them. */
    private static long exportedToday(String userId) {
        return new CounterStore(cloud.dynamo(), cloud.tableNames())
                .total(Keys.exportCounter(userId, appToday()));
    }

    private static Set<String> seedCustomers(String ownerId, String region, int count)
            throws Exception {
        return new HashSet<>(ExportBench.seedCustomers(cloud, ownerId, region, count));
    }

    /** The records of a CSV file after its byte order mark, read by a CSV parser. */
    private static List<List<String>> parseCsv(byte[] file) throws IOException {
        try (MappingIterator<List<String>> records =
                new CsvMapper()
                        .readerForListOf(String.class)
                        .with(CsvParser.Feature.WRAP_AS_ARRAY)
                        .readValues(new String(file, 3, file.length - 3, StandardCharsets.UTF_8))) {
            return records.readAll();
        }
    }

    private static HttpResponse<byte[]> get(URI url) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}

package org.opencrm.core.customer;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.access.Caller;
import org.opencrm.core.breaker.SensitiveOperationBreaker;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.Pages;
import org.opencrm.core.store.S3Clients;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.GetObjectPresignRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/**
 * Customer export to CSV: only customers in the caller's scope, only the columns the caller
 * may read, and every row counted by the breaker before any is returned or written.
 *
 * <p>Up to {@link ExportDelivery#INLINE_ROW_LIMIT} rows are answered inline; a larger export is
 * written to the files bucket under {@code tmp/exports/} and answered with a presigned download
 * URL.
 */
public final class CustomerExport {

    /**
     * A CSV export: how many rows, how it is delivered, and either the document (header line first)
     * or a download URL with its expiry.
     */
    public record Csv(
            ExportDelivery delivery,
            int rowCount,
            String csv,
            String downloadUrl,
            Instant expiresAt,
            int leftOut,
            String leftOutReason) {

        static Csv inline(int rowCount, String csv) {
            return new Csv(ExportDelivery.INLINE, rowCount, csv, null, null, 0, null);
        }

        static Csv byUrl(int rowCount, String downloadUrl, Instant expiresAt) {
            return new Csv(ExportDelivery.URL, rowCount, null, downloadUrl, expiresAt, 0, null);
        }

        /** This export saying that {@code count} customers were left out, and why. */
        Csv leaving(int count, String reason) {
            return count == 0
                    ? this
                    : new Csv(delivery, rowCount, csv, downloadUrl, expiresAt, count, reason);
        }
    }

    /** Long enough to start a download by hand, short enough that a leaked link soon dies. */
    static final Duration URL_LIFETIME = Duration.ofMinutes(15);

    static final String CONTENT_TYPE = "text/csv; charset=utf-8";

    /**
     * Customers read per page: every page queries each shard of the index, so pages of a client's
     * size (100) made a 23,000-row export take longer than the API function's 29 s locally.
     */
    private static final int READ_PAGE = 1_000;

    /**
     * Excel reads a CSV file as the local ANSI code page (GBK on a Chinese Windows) unless it
     * starts with a UTF-8 byte order mark. The inline document has none: it is a JSON string, not a
     * file, and a leading U+FEFF would become part of the first column's name for every client that
     * parses it.
     */
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private static final CsvMapper CSV = new CsvMapper();
    private static final String FORMULA_STARTS = "=+-@\t\r";
    private static final Map<String, Function<Customer, Object>> COLUMNS = columns();

    private final CustomerService customers;
    private final AccessPolicy policy;
    private final SensitiveOperationBreaker breaker;
    private final Supplier<S3Clients> s3;
    private final Clock clock;
    private final ExportExclusion exclusion;

    /**
     * @param s3 the container's shared, lazily built S3 clients: only a large export touches them
     */
    public CustomerExport(
            CustomerService customers,
            AccessPolicy policy,
            SensitiveOperationBreaker breaker,
            Supplier<S3Clients> s3,
            Clock clock) {
        this(customers, policy, breaker, s3, clock, ExportExclusion.NONE);
    }

    private CustomerExport(
            CustomerService customers,
            AccessPolicy policy,
            SensitiveOperationBreaker breaker,
            Supplier<S3Clients> s3,
            Clock clock,
            ExportExclusion exclusion) {
        this.customers = customers;
        this.policy = policy;
        this.breaker = breaker;
        this.s3 = s3;
        this.clock = clock;
        this.exclusion = exclusion;
    }

    /** The same export leaving out the customers {@code exclusion} names. */
    public CustomerExport withExclusion(ExportExclusion value) {
        return new CustomerExport(customers, policy, breaker, s3, clock, value);
    }

    public Csv export(CustomerFilter filter, Caller caller) {
        // counted (or refused) before anything is written anywhere
        List<Customer> read = breaker.chargeExport(caller, cap -> collect(filter, caller, cap));
        List<Customer> rows = withoutLeftOut(read);
        int leftOut = read.size() - rows.size();
        List<String> readable =
                COLUMNS.keySet().stream()
                        .filter(
                                column ->
                                        policy.mayReadField(
                                                CustomerService.TYPE, column, caller.role()))
                        .toList();
        if (ExportDelivery.forRows(rows.size()) == ExportDelivery.INLINE) {
            StringWriter text = new StringWriter();
            write(rows, readable, text);
            return Csv.inline(rows.size(), text.toString()).leaving(leftOut, exclusion.reason());
        }
        return writeToBucket(rows, readable).leaving(leftOut, exclusion.reason());
    }

    /** The rows the exclusion keeps, asked 100 at a time (one batch read each). */
    private List<Customer> withoutLeftOut(List<Customer> read) {
        List<Customer> kept = new ArrayList<>(read.size());
        for (int from = 0; from < read.size(); from += 100) {
            List<Customer> chunk = read.subList(from, Math.min(read.size(), from + 100));
            Set<String> leftOut = exclusion.leftOut(chunk);
            chunk.stream().filter(customer -> !leftOut.contains(customer.id())).forEach(kept::add);
        }
        return kept;
    }

    private List<Customer> collect(CustomerFilter filter, Caller caller, int cap) {
        return Pages.all(READ_PAGE, page -> customers.list(filter, page, caller))
                .limit(cap)
                .toList();
    }

    /**
     * Streams the CSV into a temporary file, then puts it in one request. A file (Lambda's /tmp)
     * rather than a multipart upload: the document is never held in memory either way, but a file
     * has a known length and can be re-read, so the SDK signs and retries a single PutObject on its
     * own, with no parts of at least 5 MB to buffer and no unfinished upload to abort on failure.
     */
    private Csv writeToBucket(List<Customer> rows, List<String> columns) {
        Path file = null;
        try {
            file = Files.createTempFile("customer-export-", ".csv");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                out.write(UTF8_BOM);
                write(rows, columns, new OutputStreamWriter(out, StandardCharsets.UTF_8));
            }
            S3Clients clients = s3.get();
            String key = Keys.exportObject(UUID.randomUUID().toString());
            clients.client()
                    .putObject(
                            PutObjectRequest.builder()
                                    .bucket(clients.bucket())
                                    .key(key)
                                    .contentType(CONTENT_TYPE)
                                    .build(),
                            RequestBody.fromFile(file));
            PresignedGetObjectRequest presigned = presignDownload(clients, key);
            return Csv.byUrl(rows.size(), presigned.url().toString(), presigned.expiration());
        } catch (IOException unwritable) {
            throw new UncheckedIOException("customer export could not be written", unwritable);
        } finally {
            deleteQuietly(file);
        }
    }

    private PresignedGetObjectRequest presignDownload(S3Clients clients, String key) {
        // the same UTC day the breaker counts the export against
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String fileName = "customers-" + day + ".csv";
        return clients.presigner()
                .presignGetObject(
                        GetObjectPresignRequest.builder()
                                .signatureDuration(URL_LIFETIME)
                                .getObjectRequest(
                                        GetObjectRequest.builder()
                                                .bucket(clients.bucket())
                                                .key(key)
                                                .responseContentType(CONTENT_TYPE)
                                                .responseContentDisposition(
                                                        "attachment; filename=\""
                                                                + fileName
                                                                + "\"; filename*=UTF-8''"
                                                                + fileName)
                                                .build())
                                .build());
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException leftBehind) {
            // /tmp is the container's own and short-lived; a leftover file harms no one
        }
    }

    /** Writes the header and one line per customer, row by row, into {@code out}. */
    private static void write(List<Customer> rows, List<String> columns, Writer out) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        try (SequenceWriter lines = CSV.writer(schema.build()).writeValues(out)) {
            for (Customer customer : rows) {
                lines.write(line(customer, columns));
            }
        } catch (IOException unwritable) {
            throw new UncheckedIOException(
                    "customer export could not be written as CSV", unwritable);
        }
    }

    private static Map<String, String> line(Customer customer, List<String> columns) {
        Map<String, String> line = new LinkedHashMap<>();
        columns.forEach(column -> line.put(column, text(COLUMNS.get(column).apply(customer))));
        return line;
    }

    /**
     * Spreadsheet-safe text: instants in ISO-8601, amounts in plain notation, nothing as an empty
     * cell. A cell a spreadsheet would run as a formula (= + - @, tab, CR) is quoted with a leading
     * apostrophe (OWASP CSV injection), which also keeps +86 phones as text.
     */
    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        String text =
                value instanceof BigDecimal amount ? amount.toPlainString() : value.toString();
        return !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    private static Map<String, Function<Customer, Object>> columns() {
        Map<String, Function<Customer, Object>> columns = new LinkedHashMap<>();
        columns.put("id", Customer::id);
        columns.put("name", c -> c.fields().name());
        columns.put("phone", c -> c.fields().phone());
        columns.put("email", c -> c.fields().email());
        columns.put("wechatId", c -> c.fields().wechatId());
        columns.put("stage", c -> c.fields().stage());
        columns.put("level", c -> c.fields().level());
        columns.put("region", c -> c.fields().region());
        columns.put("team", Customer::team);
        columns.put("ownerId", Customer::ownerId);
        columns.put("serviceAgentId", Customer::serviceAgentId);
        columns.put("nationalId", c -> c.fields().nationalId());
        columns.put("expectedDealAmount", c -> c.fields().expectedDealAmount());
        columns.put("contractAmount", c -> c.fields().contractAmount());
        columns.put("remark", c -> c.fields().remark());
        columns.put("serviceNotes", c -> c.fields().serviceNotes());
        columns.put("createdAt", Customer::createdAt);
        columns.put("updatedAt", Customer::updatedAt);
        // insertion order is the column order
        return Collections.unmodifiableMap(columns);
    }
}

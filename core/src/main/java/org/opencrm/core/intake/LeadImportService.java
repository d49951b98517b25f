package org.opencrm.core.intake;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.opencrm.core.access.Caller;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.DynamoCallCounter;
import org.opencrm.core.store.JsonText;
import org.opencrm.core.store.WriteStamp;

/**
 * Bulk CSV import of up to {@link #MAX_ROWS} rows (R-05): {@link #start} stores the rows as chunks
 * and returns at once; the import function processes each chunk as its INSERT arrives on the intake
 * stream, through the same intake as every other path, and the job's tally grows chunk by chunk for
 * a progress bar. Rows that cannot be accepted are quarantined, and {@link #errorReport} lists them
 * as CSV.
 */
public final class LeadImportService {

    public static final int MAX_ROWS = 100_000;
    static final int CHUNK_ROWS = 500;
    // well under DynamoDB's 400 KB item limit, with room for the other attributes
    static final int CHUNK_BYTES = 300_000;
    private static final int WORKERS = 8;
    private static final TypeReference<List<ObjectNode>> ROWS = new TypeReference<>() {};
    private static final ExecutorService ROW_WORKERS =
            Executors.newFixedThreadPool(
                    WORKERS,
                    task -> {
                        Thread worker = new Thread(task, "import-rows");
                        worker.setDaemon(true);
                        return worker;
                    });
    private static final CsvMapper CSV = new CsvMapper();
    private static final String REPORT_HEADER = "row,fields,rules,reasons,record\n";
    private static final CsvSchema REPORT =
            CsvSchema.builder()
                    .addColumn("row")
                    .addColumn("fields")
                    .addColumn("rules")
                    .addColumn("reasons")
                    .addColumn("record")
                    .build()
                    .withHeader();

    private final ImportStore store;
    private final org.opencrm.core.access.AccessPolicy policy;
    private final IntakeService intake;
    private final IntakeChannels channels;
    private final Clock clock;

    public LeadImportService(
            ImportStore store,
            IntakeService intake,
            IntakeChannels channels,
            org.opencrm.core.access.AccessPolicy policy,
            Clock clock) {
        this.policy = policy;
        this.store = store;
        this.intake = intake;
        this.channels = channels;
        this.clock = clock;
    }

    /** Validates the file's shape and queues its rows; row-level problems come later, per row. */
    public LeadImport start(String channel, String csv, Caller caller) {
        channels.require(channel);
        List<ObjectNode> rows = CsvRows.parse(csv, MAX_ROWS);
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        List<ImportChunkItem> parts = chunks(id, channel, rows, caller);
        LeadImport job =
                LeadImport.builder()
                        .id(id)
                        .channel(channel)
                        .status(LeadImport.ImportStatus.RUNNING)
                        .total(rows.size())
                        .processed(0)
                        .accepted(0)
                        .merged(0)
                        .quarantined(0)
                        .chunks(parts.size())
                        .chunksDone(0)
                        .createdBy(caller.userId())
                        .createdAt(now)
                        .build();
        store.create(job, parts, WriteStamp.of(caller, now));
        return job;
    }

    /**
     * An import is its creator's, and visible to roles that see every lead; NOT_FOUND for anyone
     * else.
     */
    public LeadImport get(String id, Caller caller) {
        boolean seesAll =
                policy.readScope(org.opencrm.core.lead.LeadService.TYPE, caller.role())
                        == org.opencrm.core.access.Scope.ALL;
        return store.find(id)
                .filter(job -> seesAll || job.createdBy().equals(caller.userId()))
                .orElseThrow(() -> new NotFoundException("LeadImport", id));
    }

    /**
     * Runs one chunk's rows through intake and counts them into the job, exactly once: rows have
     * ids derived from the import and row number, so a chunk processed again (a redelivered stream
     * record, a crash half way) finds its own leads instead of merging.
     */
    public void processChunk(String chunkId) {
        ImportChunkItem chunk = store.chunk(chunkId).orElse(null);
        if (chunk == null) {
            return;
        }
        if (ImportChunkItem.DONE.equals(chunk.getStatus())) {
            // counted before; the finish may not have been (a crash in between)
            store.finishIfComplete(chunk.getImportId(), clock.instant());
            return;
        }
        List<JsonNode> rows = new ArrayList<>(JsonText.read(chunk.getRowsJson(), ROWS));
        WriteStamp stamp =
                new WriteStamp(chunk.getCreatedBy(), chunk.getRequestId(), null, clock.instant());
        // the rows ran on worker threads: counted here, on the thread that processes the chunk
        List<IntakeOutcome> outcomes = IntakeService.tallied(inParallel(chunk, rows, stamp));
        long accepted = count(outcomes, IntakeStatus.ACCEPTED);
        long merged = count(outcomes, IntakeStatus.MERGED);
        long quarantined = count(outcomes, IntakeStatus.QUARANTINED);
        store.completeChunk(chunk, accepted, merged, quarantined, clock.instant());
        store.finishIfComplete(chunk.getImportId(), clock.instant());
    }

    /**
     * The import's quarantined rows as CSV (row, fields, rules, reasons, record), in row order, a
     * page at a time: pass {@code endCursor} back as {@code after}.
     */
    public Page<String> errorReport(String id, PageRequest page, Caller caller) {
        get(id, caller);
        return intake.importErrors(id, page).map(LeadImportService::reportLine);
    }

    /** The CSV document of one report page: header line, then the page's lines. */
    public static String reportDocument(Page<String> page) {
        StringBuilder document = new StringBuilder(REPORT_HEADER);
        page.entries().forEach(entry -> document.append(entry.item()));
        return document.toString();
    }

    private List<IntakeOutcome> inParallel(
            ImportChunkItem chunk, List<JsonNode> rows, WriteStamp stamp) {
        int slice = Math.max(1, (rows.size() + WORKERS - 1) / WORKERS);
        List<CompletableFuture<List<IntakeOutcome>>> slices = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += slice) {
            List<JsonNode> part = rows.subList(from, Math.min(rows.size(), from + slice));
            long firstRow = chunk.getFirstRow() + from;
            slices.add(
                    CompletableFuture.supplyAsync(
                            DynamoCallCounter.onBehalfOfCaller(
                                    () ->
                                            intake.ingestImportRows(
                                                    chunk.getChannel(),
                                                    part,
                                                    firstRow,
                                                    chunk.getImportId(),
                                                    stamp)),
                            ROW_WORKERS));
        }
        return slices.stream().map(CompletableFuture::join).flatMap(List::stream).toList();
    }

    private static List<ImportChunkItem> chunks(
            String importId, String channel, List<ObjectNode> rows, Caller caller) {
        List<ImportChunkItem> parts = new ArrayList<>();
        List<ObjectNode> current = new ArrayList<>();
        int bytes = 0;
        long firstRow = 1;
        for (ObjectNode row : rows) {
            int size = row.toString().length() * 3;
            if (!current.isEmpty()
                    && (current.size() == CHUNK_ROWS || bytes + size > CHUNK_BYTES)) {
                parts.add(chunk(importId, channel, parts.size(), firstRow, current, caller));
                firstRow += current.size();
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(row);
            bytes += size;
        }
        parts.add(chunk(importId, channel, parts.size(), firstRow, current, caller));
        return parts;
    }

    private static ImportChunkItem chunk(
            String importId,
            String channel,
            int number,
            long firstRow,
            List<ObjectNode> rows,
            Caller caller) {
        ImportChunkItem item = new ImportChunkItem();
        item.setId(chunkId(importId, number));
        item.setKind(ImportChunkItem.KIND);
        item.setImportId(importId);
        item.setChannel(channel);
        item.setFirstRow(firstRow);
        item.setRowCount(rows.size());
        item.setRowsJson(JsonText.write(rows));
        item.setStatus(ImportChunkItem.PENDING);
        item.setCreatedBy(caller.userId());
        item.setRequestId(caller.requestId());
        return item;
    }

    /** The id of an import's chunk number {@code number} (from 0). */
    public static String chunkId(String importId, int number) {
        return importId + "#" + String.format(Locale.ROOT, "%05d", number);
    }

    private static String reportLine(QuarantinedRecord record) {
        List<FieldProblem> reasons = record.reasons();
        List<Object> cells =
                List.of(
                        record.row(),
                        reasons.stream()
                                .map(FieldProblem::field)
                                .distinct()
                                .collect(Collectors.joining("; ")),
                        reasons.stream().map(FieldProblem::rule).collect(Collectors.joining("; ")),
                        reasons.stream()
                                .map(FieldProblem::describe)
                                .collect(Collectors.joining("; ")),
                        record.raw());
        StringWriter line = new StringWriter();
        try (SequenceWriter writer = CSV.writer(REPORT.withoutHeader()).writeValues(line)) {
            writer.write(cells);
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
        return line.toString();
    }

    private static long count(List<IntakeOutcome> outcomes, IntakeStatus status) {
        return outcomes.stream().filter(outcome -> outcome.status() == status).count();
    }
}

package org.opencrm.core.intake;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.opencrm.core.access.Caller;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.ValidationException;
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

    /**
     * The largest CSV taken inline in a GraphQL request: API Gateway and Lambda cap request bodies
     * at a few MB; larger files are uploaded to the bucket.
     */
    public static final int MAX_INLINE_BYTES = 1024 * 1024;

    /** The input a streamed file's problems name. */
    static final String FILE = "file";

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
    private final AwaitedFiles awaited;
    private final Clock clock;

    /**
     * @param awaited imports declared by an upload whose job does not exist yet, so {@link #get}
     *     answers them instead of NOT_FOUND
     */
    public LeadImportService(
            ImportStore store,
            IntakeService intake,
            IntakeChannels channels,
            org.opencrm.core.access.AccessPolicy policy,
            AwaitedFiles awaited,
            Clock clock) {
        this.policy = policy;
        this.awaited = awaited;
        this.store = store;
        this.intake = intake;
        this.channels = channels;
        this.clock = clock;
    }

    /**
     * Validates the file's shape and queues its rows; row-level problems come later, per row. For
     * files up to {@link #MAX_INLINE_BYTES}: a larger one is uploaded and started with {@link
     * #startFromStream}.
     */
    public LeadImport start(String channel, String csv, Caller caller) {
        channels.require(channel);
        requireInlineSize(csv);
        List<ObjectNode> rows = CsvRows.parse(csv, MAX_ROWS);
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        List<ImportChunkItem> parts = new ArrayList<>();
        ImportChunker chunker =
                new ImportChunker(chunk -> parts.add(chunk(id, channel, chunk, caller)));
        rows.forEach(chunker::add);
        chunker.finish();
        LeadImport job =
                running(id, channel, caller, now).total(rows.size()).chunks(parts.size()).build();
        store.create(job, parts, WriteStamp.of(caller, now));
        return job;
    }

    /**
     * Imports a file read as a stream, never held whole in memory: a first read checks the whole
     * file (charset, CSV, header, row count and sizes) and counts its rows and chunks; only then is
     * the job created and a second read queues the chunks as it goes. A refused file is a FAILED
     * job naming the rule, readable through {@link #get}: there may be no caller to answer.
     *
     * <p>Started again with the same import id (a redelivered upload event): a DONE or FAILED job
     * is returned as it is; a RUNNING one (its first start may have died half way through queueing)
     * has its missing chunks queued, each chunk written only if absent, so none is counted twice.
     */
    public LeadImport startFromStream(LeadImportRequest request) {
        Optional<LeadImport> existing = store.find(request.importId());
        if (existing.isPresent() && existing.get().status() != LeadImport.ImportStatus.RUNNING) {
            return existing.get();
        }
        FileShape shape;
        try {
            channels.require(request.channel());
            shape = checkWholeFile(request.source());
        } catch (ValidationException refused) {
            return refuse(request, refused.problems().get(0));
        }
        LeadImport sized =
                running(request.importId(), request.channel(), request.uploader(), clock.instant())
                        .total(shape.rows())
                        .chunks(shape.chunks())
                        .build();
        LeadImport job =
                createdNow(sized, request.uploader())
                        ? sized
                        : store.find(sized.id()).orElseThrow();
        if (job.status() != LeadImport.ImportStatus.RUNNING) {
            return job;
        }
        if (job.total() != sized.total() || job.chunks() != sized.chunks()) {
            return refuse(request, changed(job, sized));
        }
        try {
            queueChunks(request, shape.charset());
        } catch (ValidationException changedBetweenReads) {
            return refuse(request, changedBetweenReads.problems().get(0));
        }
        return job;
    }

    /**
     * Refuses a streamed file without reading it, for a reason found outside the file (its uploader
     * may no longer import): a FAILED job with the problem, as {@link #startFromStream} makes for a
     * refused file. A job that is DONE or FAILED already stays as it is.
     */
    public LeadImport refuseFile(LeadImportRequest request, FieldProblem problem) {
        Optional<LeadImport> existing = store.find(request.importId());
        if (existing.isPresent() && existing.get().status() != LeadImport.ImportStatus.RUNNING) {
            return existing.get();
        }
        return refuse(request, problem);
    }

    /** A FAILED job with the problem: created so, or a RUNNING one turned FAILED. */
    private LeadImport refuse(LeadImportRequest request, FieldProblem problem) {
        Instant now = clock.instant();
        LeadImport failed =
                running(request.importId(), request.channel(), request.uploader(), now)
                        .status(LeadImport.ImportStatus.FAILED)
                        .finishedAt(now)
                        .failure(problem)
                        .build();
        if (createdNow(failed, request.uploader())) {
            return failed;
        }
        store.failRunning(failed.id(), problem, now);
        return store.find(failed.id()).orElseThrow();
    }

    private static FieldProblem changed(LeadImport started, LeadImport now) {
        return FieldProblem.of(
                FILE,
                "unchanged",
                "changed since its import started: "
                        + started.total()
                        + " rows then, "
                        + now.total()
                        + " now; upload it again");
    }

    /**
     * What the first read learnt: the rows and chunks the second read will queue, and the charset
     * when the first bytes did not decide it (null: the detected one).
     */
    private record FileShape(long rows, int chunks, Charset charset) {}

    private static FileShape checkWholeFile(CsvSource source) {
        return CsvText.inDetectedCharset(charset -> shapeIn(source, charset));
    }

    private static FileShape shapeIn(CsvSource source, Charset charset) {
        ImportChunker counter = new ImportChunker(chunk -> {});
        long rows = readRows(source, charset, counter::add);
        counter.finish();
        return new FileShape(rows, counter.chunks(), charset);
    }

    /**
     * Writes each chunk as soon as it is full, one conditional put each: a chunk that exists (from
     * an earlier start, maybe processed already) is left as it is.
     */
    private void queueChunks(LeadImportRequest request, Charset charset) {
        ImportChunker chunker =
                new ImportChunker(
                        chunk -> {
                            store.addChunkIfAbsent(
                                    chunk(
                                            request.importId(),
                                            request.channel(),
                                            chunk,
                                            request.uploader()));
                        });
        readRows(request.source(), charset, chunker::add);
        chunker.finish();
    }

    /**
     * Reads the file's rows in its detected charset, or in {@code charset} when given; a refused
     * file is a ValidationException.
     */
    private static long readRows(CsvSource source, Charset charset, Consumer<ObjectNode> sink) {
        try (InputStream raw = source.open()) {
            CsvText.Opened opened = CsvText.open(raw, charset, FILE);
            try (Reader text = opened.text()) {
                return CsvRows.read(text, FILE, MAX_ROWS, sink);
            } catch (ValidationException refused) {
                throw CsvText.refusal(refused, opened.utf8WasAGuess());
            }
        } catch (IOException unreadable) {
            // the storage failed, not the file: the caller retries
            throw new UncheckedIOException(unreadable);
        }
    }

    private boolean createdNow(LeadImport job, Caller uploader) {
        return store.createIfAbsent(job, WriteStamp.of(uploader, clock.instant()));
    }

    private static LeadImportBuilder running(
            String id, String channel, Caller caller, Instant now) {
        return LeadImport.builder()
                .id(id)
                .channel(channel)
                .status(LeadImport.ImportStatus.RUNNING)
                .processed(0)
                .accepted(0)
                .merged(0)
                .quarantined(0)
                .chunksDone(0)
                .createdBy(caller.userId())
                .createdAt(now);
    }

    private static void requireInlineSize(String csv) {
        int bytes = csv.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_INLINE_BYTES) {
            throw new ValidationException(
                    new FieldProblem(
                            "csv",
                            "maxBytes",
                            "at most "
                                    + MAX_INLINE_BYTES
                                    + " bytes inline, got "
                                    + bytes
                                    + "; upload a larger file with createUpload(purpose:"
                                    + " LEAD_IMPORT) instead",
                            MAX_INLINE_BYTES));
        }
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
                .or(() -> awaited.awaiting(id))
                .filter(job -> seesAll || job.createdBy().equals(caller.userId()))
                .orElseThrow(() -> new NotFoundException("LeadImport", id));
    }

    /** The job as stored, without scope: for the system's own steps (an arrived upload). */
    public Optional<LeadImport> job(String id) {
        return store.find(id);
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

    private static ImportChunkItem chunk(
            String importId, String channel, ImportChunker.Chunk rows, Caller caller) {
        ImportChunkItem item = new ImportChunkItem();
        item.setId(chunkId(importId, rows.number()));
        item.setKind(ImportChunkItem.KIND);
        item.setImportId(importId);
        item.setChannel(channel);
        item.setFirstRow(rows.firstRow());
        item.setRowCount(rows.rows().size());
        item.setRowsJson(JsonText.write(rows.rows()));
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

package org.opencrm.core.consistency;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerStore;
import org.opencrm.core.error.ValidationException;

/**
 * Runs one consistency diff: reads the export, matches its rows in chunks (one batched
 * identity lookup per chunk, progress written after each), finds the system's customers no row
 * reached through the identity table's bySystem index, classifies, stores the rows and writes the
 * CSV. Nothing is changed on any customer: that is {@link ConsistencyService#apply}'s, on request.
 *
 * <p>Idempotent: a second start of a finished report does nothing; a RUNNING one (its first run
 * died) is run again, its rows overwritten under the same numbers.
 */
public final class ConsistencyDiff {

    /** Rows matched per batched lookup: three claims each, within one BatchGetItem's 100 keys. */
    static final int CHUNK = 33;

    /** How often progress is written, in rows. */
    static final int PROGRESS_EVERY = 990;

    private final ConsistencyStore reports;
    private final CustomerStore customers;
    private final BiConsumer<String, byte[]> csvFiles;
    private final Clock clock;

    /**
     * @param csvFiles stores a report's CSV under its id (the files bucket, {@link
     *     ConsistencyFiles})
     */
    public ConsistencyDiff(
            ConsistencyStore reports,
            CustomerStore customers,
            BiConsumer<String, byte[]> csvFiles,
            Clock clock) {
        this.reports = reports;
        this.customers = customers;
        this.csvFiles = csvFiles;
        this.clock = clock;
    }

    /** What to diff: the upload's id (the report's), its system, uploader and bytes. */
    public record Export(
            String id,
            String system,
            String uploadedBy,
            String contentType,
            Supplier<byte[]> bytes) {}

    public ConsistencyReport run(Export export) {
        String id = export.id();
        boolean fresh = reports.start(id, export.system(), export.uploadedBy(), clock.instant());
        ConsistencyReport existing = reports.find(id).orElseThrow();
        if (!fresh && existing.status() != ConsistencyReport.Status.RUNNING) {
            return existing;
        }
        List<ExportRow> rows;
        try {
            rows = ExportReader.read(export.bytes().get(), export.contentType());
        } catch (ValidationException refused) {
            reports.fail(id, refused.problems().get(0), clock.instant());
            return reports.find(id).orElseThrow();
        }
        reports.progress(id, 0, rows.size());
        List<ConsistencyRules.Resolution> resolutions = resolve(id, export.system(), rows);
        Map<String, String> systemHolders = customers.holdersOfSystem(export.system());
        Set<String> named = new HashSet<>(systemHolders.values());
        for (ConsistencyRules.Resolution resolution : resolutions) {
            if (resolution.matched()) {
                named.add(resolution.customerId());
                named.addAll(resolution.others());
            }
        }
        Map<String, Customer> found = customers.findAll(named);
        List<ReportRow> report = ConsistencyRules.classify(rows, resolutions, found, systemHolders);
        reports.writeRows(id, report);
        csvFiles.accept(id, ReportCsv.of(report));
        reports.finish(id, ConsistencyReport.Counts.of(report), clock.instant());
        return reports.find(id).orElseThrow();
    }

    private List<ConsistencyRules.Resolution> resolve(
            String id, String system, List<ExportRow> rows) {
        List<ConsistencyRules.Resolution> resolutions = new ArrayList<>(rows.size());
        long sinceProgress = 0;
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<ExportRow> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            Set<String> keys = new HashSet<>();
            chunk.forEach(
                    row ->
                            ConsistencyRules.lookups(row, system)
                                    .forEach(lookup -> keys.add(lookup.identityKey())));
            Map<String, String> holders = customers.holdersOf(keys);
            chunk.forEach(row -> resolutions.add(ConsistencyRules.resolve(row, system, holders)));
            sinceProgress += chunk.size();
            if (sinceProgress >= PROGRESS_EVERY) {
                reports.progress(id, resolutions.size(), rows.size());
                sinceProgress = 0;
            }
        }
        reports.progress(id, resolutions.size(), rows.size());
        return resolutions;
    }
}

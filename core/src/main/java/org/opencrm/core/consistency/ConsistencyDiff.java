package org.opencrm.core.consistency;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerStore;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.intake.CsvSource;
import org.opencrm.core.store.Keys;

/**
 * Runs consistency diffs in passes ({@link DiffPhase}) cut into chunks, so no invocation
 * holds more than a chunk and none needs the whole diff's time: the export is checked whole
 * (streamed), then matched in chunks of rows (one batched identity lookup and one batched customer
 * read each, the rows stored with the reaches they made); then the reaches are walked by customer
 * (rows sharing one become DUPLICATE), the system's claims by key through the bySystem index
 * (customers no row reached become MISSING_THERE), the records missing on either side by name
 * (suggested to each other); last the stored rows are paged into the CSV and counted. Nothing is
 * changed on any customer: that is {@link ConsistencyService#apply}'s, on request.
 *
 * <p>The cursor is saved on the report after every chunk, under a lease naming the one worker that
 * may go on: the arrival works for {@link #ARRIVAL_BUDGET}, then {@link #continuePending} (on a
 * schedule) goes on from the cursor. A chunk redone after a crash writes the same items under the
 * same keys, and the counts are taken from the stored rows at the end, so they are exact.
 */
public final class ConsistencyDiff {

    /** Rows matched per chunk: 30 batched lookups of 33 rows (three claims each). */
    public static final int CHUNK_ROWS = 990;

    /**
     * How long the arrival works before it leaves the rest to the schedule: well inside
     * FileArrivedFunction's 300 s, with room for the chunk in hand and the upload's own checks.
     */
    public static final Duration ARRIVAL_BUDGET = Duration.ofSeconds(200);

    /** Working items read per page of a walk. */
    static final int WALK = 1_000;

    /** System claims looked at per MISSING_THERE chunk (one BatchGetItem of marks). */
    static final int CLAIMS = 100;

    /** Opens an export's bytes again, each time the same ones (the object pinned to its ETag). */
    @FunctionalInterface
    public interface Sources {
        CsvSource open(ExportFile file);
    }

    /** Stores a report's CSV, written to a local file, under the report's id. */
    @FunctionalInterface
    public interface CsvFiles {
        void put(String reportId, Path csv);
    }

    /**
     * How the work is cut, injectable so tests can cut a small diff into many pieces.
     *
     * @param chunkRows rows matched per chunk
     * @param arrivalBudget starts the arrival's budget: whether there is time for another chunk
     *     (the first is always worked)
     * @param beforeSave runs after a chunk's writes, before its cursor is saved (a test's crash)
     */
    public record Tuning(
            int chunkRows, Supplier<BooleanSupplier> arrivalBudget, Runnable beforeSave) {

        public static final Tuning STANDARD =
                new Tuning(CHUNK_ROWS, ConsistencyService.budgetOf(ARRIVAL_BUDGET), () -> {});
    }

    /** What to diff: the upload's id (the report's), its system, uploader and file. */
    public record Export(
            String id, String system, String uploadedBy, String contentType, ExportFile file) {}

    private final ConsistencyStore reports;
    private final CustomerStore customers;
    private final Sources sources;
    private final CsvFiles csvFiles;
    private final Clock clock;
    private final Tuning tuning;

    public ConsistencyDiff(
            ConsistencyStore reports,
            CustomerStore customers,
            Sources sources,
            CsvFiles csvFiles,
            Clock clock) {
        this(reports, customers, sources, csvFiles, clock, Tuning.STANDARD);
    }

    public ConsistencyDiff(
            ConsistencyStore reports,
            CustomerStore customers,
            Sources sources,
            CsvFiles csvFiles,
            Clock clock,
            Tuning tuning) {
        this.reports = reports;
        this.customers = customers;
        this.sources = sources;
        this.csvFiles = csvFiles;
        this.clock = clock;
        this.tuning = tuning;
    }

    /**
     * Starts the export's report (a redelivered arrival finds it) and works it for the arrival's
     * budget; the report as left: DONE or FAILED, or RUNNING with the rest for the schedule.
     */
    public ConsistencyReport run(Export export) {
        String id = export.id();
        boolean fresh =
                reports.start(
                        id,
                        export.system(),
                        export.uploadedBy(),
                        clock.instant(),
                        export.file(),
                        export.contentType());
        ConsistencyReport existing = reports.find(id).orElseThrow();
        if (!fresh && existing.status() != ConsistencyReport.Status.RUNNING) {
            return existing;
        }
        work(id, tuning.arrivalBudget().get());
        return reports.find(id).orElseThrow();
    }

    /**
     * Continues every running diff, oldest first, from its saved cursor while {@code timeLeft}; a
     * report another worker holds is skipped.
     */
    public ConsistencyService.Continuation continuePending(BooleanSupplier timeLeft) {
        int worked = 0;
        int finished = 0;
        int skipped = 0;
        for (String id : reports.pendingDiffs()) {
            if (!timeLeft.getAsBoolean()) {
                break;
            }
            Optional<Boolean> over = work(id, timeLeft);
            worked += over.isPresent() ? 1 : 0;
            finished += over.orElse(false) ? 1 : 0;
            skipped += over.isEmpty() ? 1 : 0;
        }
        return new ConsistencyService.Continuation(worked, finished, skipped);
    }

    /**
     * Claims the report's diff and works it, a chunk at least, then more while {@code timeLeft};
     * whether it is over (DONE or FAILED), or empty when another worker holds it or the lease was
     * lost on the way.
     */
    private Optional<Boolean> work(String id, BooleanSupplier timeLeft) {
        String holder = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Optional<DiffState> claimed =
                reports.claimDiff(id, holder, now, now.plus(ReportLease.TERM));
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        Worker worker = new Worker(id, holder, new Budget(timeLeft));
        try {
            return worker.work(claimed.get());
        } catch (ValidationException refused) {
            reports.fail(id, holder, refused.problems().get(0), clock.instant());
            return Optional.of(true);
        }
    }

    /** The first chunk of an invocation is always worked; then as long as time is left. */
    private static final class Budget {
        private final BooleanSupplier timeLeft;
        private boolean first = true;

        Budget(BooleanSupplier timeLeft) {
            this.timeLeft = timeLeft;
        }

        boolean more() {
            boolean more = first || timeLeft.getAsBoolean();
            first = false;
            return more;
        }

        /** Whether this invocation has worked nothing yet (the CSV pass then runs to its end). */
        boolean fresh() {
            return first;
        }

        boolean timeLeft() {
            return timeLeft.getAsBoolean();
        }
    }

    /** One claim's work on one report: pass after pass, saving after every chunk. */
    private final class Worker {
        private final String id;
        private final String holder;
        private final Budget budget;

        Worker(String id, String holder, Budget budget) {
            this.id = id;
            this.holder = holder;
            this.budget = budget;
        }

        /** True when the diff ended; false when out of time; empty when the lease was lost. */
        Optional<Boolean> work(DiffState claimed) {
            Optional<DiffState> state = Optional.of(claimed);
            while (state.isPresent() && state.get().phase() != null) {
                DiffState now = state.get();
                if (stopping()) {
                    reports.releaseDiff(id, holder);
                    return Optional.of(false);
                }
                state = pass(now);
            }
            return state.map(finished -> true);
        }

        /** Out of time before the next chunk; a worker that has done nothing yet always goes on. */
        private boolean stopping() {
            if (budget.fresh()) {
                return false;
            }
            return !budget.timeLeft();
        }

        /** Works the state's pass while time is left: the state as saved (phase null: over). */
        private Optional<DiffState> pass(DiffState state) {
            return switch (state.phase()) {
                case CHECK -> check(state);
                case MATCH -> match(state);
                case DUPLICATES -> duplicates(state);
                case MISSING_THERE -> missingThere(state);
                case SUGGEST -> suggest(state);
                case CSV -> csv(state);
            };
        }

        private Optional<DiffState> check(DiffState state) {
            budget.more();
            ExportReader.Shape shape = ExportReader.check(source(state), state.contentType());
            return save(
                    state.next(DiffPhase.MATCH).toBuilder()
                            .charset(shape.charset())
                            .total(shape.rows())
                            .processed(0)
                            .build());
        }

        /** Chunks of rows in file order, the file read past the rows matched before. */
        private Optional<DiffState> match(DiffState state) {
            DiffState current = state;
            try (ExportReader.Rows rows =
                    ExportReader.open(source(state), state.contentType(), state.charset())) {
                ExportRow row = rows.next();
                while (row != null && row.line() <= state.processed()) {
                    row = rows.next();
                }
                while (row != null && budget.more()) {
                    List<ExportRow> chunk = new ArrayList<>();
                    while (row != null && chunk.size() < tuning.chunkRows()) {
                        chunk.add(row);
                        row = rows.next();
                    }
                    matchChunk(state.system(), chunk);
                    tuning.beforeSave().run();
                    long last = chunk.get(chunk.size() - 1).line();
                    Optional<DiffState> saved = save(current.toBuilder().processed(last).build());
                    if (saved.isEmpty()) {
                        return saved;
                    }
                    current = saved.get();
                }
                if (row != null) {
                    return Optional.of(current);
                }
            }
            return save(current.next(DiffPhase.DUPLICATES));
        }

        private void matchChunk(String system, List<ExportRow> chunk) {
            Set<String> keys = new HashSet<>();
            chunk.forEach(
                    row ->
                            ConsistencyRules.lookups(row, system)
                                    .forEach(lookup -> keys.add(lookup.identityKey())));
            Map<String, String> holders = customers.holdersOf(keys);
            List<ConsistencyRules.Resolution> resolutions =
                    chunk.stream()
                            .map(row -> ConsistencyRules.resolve(row, system, holders))
                            .toList();
            Map<String, Customer> found =
                    customers.findAll(
                            resolutions.stream()
                                    .filter(ConsistencyRules.Resolution::matched)
                                    .map(ConsistencyRules.Resolution::customerId)
                                    .toList());
            List<ReportRow> lines = new ArrayList<>();
            List<ConsistencyStore.Reach> reaches = new ArrayList<>();
            List<ConsistencyStore.NameMark> names = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                ExportRow row = chunk.get(i);
                ConsistencyRules.Resolution resolution = resolutions.get(i);
                Customer customer =
                        resolution.matched() ? found.get(resolution.customerId()) : null;
                // whether another row shares the customer is known once every row is matched
                ReportRow line =
                        ConsistencyRules.rowOf(row.line(), row, resolution, customer, false);
                lines.add(line);
                reaches.addAll(reachesOf(row.line(), resolution));
                if (line.kind() == RowKind.MISSING_HERE) {
                    names.add(nameMark(row.values().get("name"), true, row.line(), null));
                }
            }
            reports.writeRows(id, lines);
            reports.writeReaches(id, reaches);
            reports.writeNames(id, names);
        }

        /** Customers two or more rows reached first: those rows are DUPLICATE. */
        private Optional<DiffState> duplicates(DiffState state) {
            DiffState current = state;
            while (budget.more()) {
                GroupPage<ConsistencyStore.Reach> page =
                        wholeGroups(
                                (prefix, after) -> reports.reaches(id, prefix, after, WALK),
                                Keys.CONSISTENCY_REACH_PREFIX,
                                current.after(),
                                ConsistencyDiff::reachGroup);
                List<Long> shared = new ArrayList<>();
                for (List<ConsistencyStore.Reach> group : page.groups()) {
                    List<Long> firsts =
                            group.stream()
                                    .filter(ConsistencyStore.Reach::primary)
                                    .map(ConsistencyStore.Reach::line)
                                    .toList();
                    shared.addAll(firsts.size() > 1 ? firsts : List.of());
                }
                reports.writeRows(
                        id,
                        reports.rowsNumbered(id, shared).stream()
                                .map(ConsistencyRules::shared)
                                .toList());
                tuning.beforeSave().run();
                if (!page.more()) {
                    return save(current.next(DiffPhase.MISSING_THERE));
                }
                Optional<DiffState> saved = save(current.toBuilder().after(page.last()).build());
                if (saved.isEmpty()) {
                    return saved;
                }
                current = saved.get();
            }
            return Optional.of(current);
        }

        /** The system's claims in key order: customers no row reached, numbered after the rows. */
        private Optional<DiffState> missingThere(DiffState state) {
            DiffState current = state;
            while (budget.more()) {
                List<Map.Entry<String, String>> claims =
                        customers.holdersOfSystemAfter(current.system(), current.after(), CLAIMS);
                if (claims.isEmpty()) {
                    return save(current.next(DiffPhase.SUGGEST));
                }
                Set<String> reached =
                        reports.reached(id, claims.stream().map(Map.Entry::getValue).toList());
                Map<String, Customer> unreached =
                        customers.findAll(
                                claims.stream()
                                        .map(Map.Entry::getValue)
                                        .filter(customerId -> !reached.contains(customerId))
                                        .toList());
                long found = current.found();
                List<ReportRow> lines = new ArrayList<>();
                List<ConsistencyStore.NameMark> names = new ArrayList<>();
                for (Map.Entry<String, String> claim : claims) {
                    Customer customer = unreached.get(claim.getValue());
                    if (customer == null) {
                        continue;
                    }
                    long number = current.total() + ++found;
                    lines.add(
                            ConsistencyRules.missingThere(
                                    number, claim.getKey(), claim.getValue()));
                    names.add(nameMark(customer.fields().name(), false, number, customer.id()));
                }
                reports.writeRows(id, lines);
                reports.writeNames(id, names);
                tuning.beforeSave().run();
                String last = claims.get(claims.size() - 1).getKey();
                Optional<DiffState> saved =
                        save(current.toBuilder().after(last).found(found).build());
                if (saved.isEmpty()) {
                    return saved;
                }
                current = saved.get();
            }
            return Optional.of(current);
        }

        /** Names shared by rows missing here and customers missing there: suggested both ways. */
        private Optional<DiffState> suggest(DiffState state) {
            DiffState current = state;
            while (budget.more()) {
                GroupPage<ConsistencyStore.NameMark> page =
                        wholeGroups(
                                (prefix, after) -> reports.names(id, prefix, after, WALK),
                                Keys.CONSISTENCY_NAME_PREFIX,
                                current.after(),
                                ConsistencyDiff::nameGroup);
                Map<Long, List<String>> suggestions = new LinkedHashMap<>();
                page.groups().forEach(group -> suggestWithin(group, suggestions));
                reports.writeRows(
                        id,
                        reports.rowsNumbered(id, suggestions.keySet()).stream()
                                .map(
                                        row ->
                                                row.toBuilder()
                                                        .suggestions(suggestions.get(row.number()))
                                                        .build())
                                .toList());
                tuning.beforeSave().run();
                if (!page.more()) {
                    return save(current.next(DiffPhase.CSV));
                }
                Optional<DiffState> saved = save(current.toBuilder().after(page.last()).build());
                if (saved.isEmpty()) {
                    return saved;
                }
                current = saved.get();
            }
            return Optional.of(current);
        }

        /**
         * The stored rows paged into the CSV (a local file, then stored), counted, and the report
         * finished. Not cut into chunks: begun by an invocation that has worked before, it gives up
         * when out of time and the next invocation writes it whole.
         */
        private Optional<DiffState> csv(DiffState state) {
            boolean mayStop = !budget.fresh();
            budget.more();
            Path file = temporaryFile();
            try {
                Optional<Map<RowKind, Long>> counted = writeCsv(state, file, mayStop);
                if (counted.isEmpty()) {
                    return Optional.of(state);
                }
                csvFiles.put(id, file);
                boolean held =
                        reports.finish(
                                id,
                                holder,
                                ConsistencyReport.Counts.of(counted.get()),
                                clock.instant());
                return held ? Optional.of(state.next(null)) : Optional.empty();
            } finally {
                deleteQuietly(file);
            }
        }

        /** The kinds counted, or empty when out of time part-way ({@code mayStop}). */
        private Optional<Map<RowKind, Long>> writeCsv(DiffState state, Path file, boolean mayStop) {
            Map<RowKind, Long> counts = new EnumMap<>(RowKind.class);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
                    ReportCsv.Lines lines = ReportCsv.to(out)) {
                long after = 0;
                ConsistencyStore.Walk<ReportRow> page;
                int pages = 0;
                do {
                    if (mayStop && !budget.timeLeft()) {
                        return Optional.empty();
                    }
                    page = reports.rowsAfter(id, after, WALK);
                    for (Map.Entry<String, ReportRow> entry : page.items()) {
                        lines.write(entry.getValue());
                        counts.merge(entry.getValue().kind(), 1L, Long::sum);
                        after = entry.getValue().number();
                    }
                    // a long CSV keeps its lease: renewed every few pages
                    if (++pages % 20 == 0 && save(state).isEmpty()) {
                        return Optional.empty();
                    }
                } while (page.more());
            } catch (IOException unwritable) {
                throw new UncheckedIOException(unwritable);
            }
            return Optional.of(counts);
        }

        private CsvSource source(DiffState state) {
            return sources.open(state.file());
        }

        /** Saves the state and renews the lease; empty when the lease was lost. */
        private Optional<DiffState> save(DiffState state) {
            Instant now = clock.instant();
            return reports.saveDiff(id, holder, state, now.plus(ReportLease.TERM))
                    ? Optional.of(state)
                    : Optional.empty();
        }
    }

    /** A page of a walk in whole groups, and the sort key of its last item. */
    private record GroupPage<T>(List<List<T>> groups, String last, boolean more) {}

    @FunctionalInterface
    private interface WalkQuery<T> {
        ConsistencyStore.Walk<T> after(String prefix, String after);
    }

    /**
     * The next page of a walk over items under {@code prefix} after {@code after}, grouped by
     * {@code groupOf} (a prefix of the item's sort key); the last group is read to its end, so no
     * group is ever split between pages (nor between invocations).
     */
    private static <T> GroupPage<T> wholeGroups(
            WalkQuery<T> query, String prefix, String after, Function<String, String> groupOf) {
        ConsistencyStore.Walk<T> page = query.after(prefix, after);
        if (page.items().isEmpty()) {
            return new GroupPage<>(List.of(), after, false);
        }
        Map<String, List<T>> groups = new LinkedHashMap<>();
        String last = null;
        for (Map.Entry<String, T> item : page.items()) {
            groups.computeIfAbsent(groupOf.apply(item.getKey()), g -> new ArrayList<>())
                    .add(item.getValue());
            last = item.getKey();
        }
        String lastGroup = groupOf.apply(last);
        boolean rest = page.more();
        while (rest) {
            ConsistencyStore.Walk<T> more = query.after(lastGroup, last);
            for (Map.Entry<String, T> item : more.items()) {
                groups.get(lastGroup).add(item.getValue());
                last = item.getKey();
            }
            rest = more.more();
        }
        return new GroupPage<>(List.copyOf(groups.values()), last, page.more());
    }

    /** {@code REACH#<customer>#<line>}: the group is all but the line. */
    private static String reachGroup(String sortKey) {
        return sortKey.substring(0, sortKey.lastIndexOf('#') + 1);
    }

    /** {@code NAME#<hash>#H|T#<number>}: the group is the name's hash. */
    private static String nameGroup(String sortKey) {
        String withoutNumber = sortKey.substring(0, sortKey.lastIndexOf('#'));
        return withoutNumber.substring(0, withoutNumber.lastIndexOf('#') + 1);
    }

    private static List<ConsistencyStore.Reach> reachesOf(
            long line, ConsistencyRules.Resolution resolution) {
        if (!resolution.matched()) {
            return List.of();
        }
        List<ConsistencyStore.Reach> reaches = new ArrayList<>();
        reaches.add(new ConsistencyStore.Reach(resolution.customerId(), line, true));
        resolution
                .others()
                .forEach(other -> reaches.add(new ConsistencyStore.Reach(other, line, false)));
        return reaches;
    }

    private static ConsistencyStore.NameMark nameMark(
            String name, boolean here, long number, String customerId) {
        return new ConsistencyStore.NameMark(
                Keys.consistencyNameGroup(ConsistencyRules.nameKey(name)),
                here,
                number,
                customerId);
    }

    /** In one name group: each row missing here gets the customers, each customer the rows. */
    private static void suggestWithin(
            List<ConsistencyStore.NameMark> group, Map<Long, List<String>> suggestions) {
        List<ConsistencyStore.NameMark> here =
                group.stream().filter(ConsistencyStore.NameMark::here).toList();
        List<ConsistencyStore.NameMark> there =
                group.stream().filter(mark -> !mark.here()).toList();
        if (here.isEmpty() || there.isEmpty()) {
            return;
        }
        List<String> customersThere =
                there.stream()
                        .map(mark -> ConsistencyRules.suggestCustomer(mark.customerId()))
                        .toList();
        List<String> linesHere =
                here.stream().map(mark -> ConsistencyRules.suggestLine(mark.number())).toList();
        here.forEach(mark -> suggestions.put(mark.number(), customersThere));
        there.forEach(mark -> suggestions.put(mark.number(), linesHere));
    }

    private static Path temporaryFile() {
        try {
            return Files.createTempFile("consistency-", ".csv");
        } catch (IOException noTmp) {
            throw new UncheckedIOException(noTmp);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file: the container's /tmp is cleared with it
        }
    }
}

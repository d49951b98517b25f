package org.opencrm.core.deal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.RowScope;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerService;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.idle.ActivityLog;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.ParallelReads;
import org.opencrm.core.store.WriteStamp;

/**
 * Deal use cases. Every one answers to the caller as customers do: a deal outside the
 * read scope is NOT_FOUND, one visible but outside the write scope FORBIDDEN; the pipeline
 * decides every move through the {@link StageMachine}, and a refused move lists every unmet
 * condition.
 */
public final class DealService {

    public static final String TYPE = "Deal";

    private final DealStore store;
    private final CustomerService customers;
    private final AccessPolicy policy;
    private final ConfigService config;
    private final EvidenceKinds evidence;
    private final Clock clock;
    private final ActivityLog activity;
    private final Supplier<String> newId;

    public DealService(
            DealStore store,
            CustomerService customers,
            AccessPolicy policy,
            ConfigService config,
            EvidenceKinds evidence,
            Clock clock) {
        this(store, customers, policy, config, evidence, clock, ActivityLog.NONE);
    }

    /**
     * @param activity notes a person's move as their activity (R-17 idle reps)
     */
    public DealService(
            DealStore store,
            CustomerService customers,
            AccessPolicy policy,
            ConfigService config,
            EvidenceKinds evidence,
            Clock clock,
            ActivityLog activity) {
        this.activity = activity;
        this.store = store;
        this.customers = customers;
        this.policy = policy;
        this.config = config;
        this.evidence = evidence;
        this.clock = clock;
        this.newId = () -> UUID.randomUUID().toString();
    }

    /** A move as {@code moveDeal} or an automatic mover asks for it. */
    public record MoveRequest(
            String dealId,
            long expectedVersion,
            DealStage toStage,
            String lostReasonId,
            String reason,
            String source) {

        /** A person's move: the reason shown is the lost reason, else their note. */
        public static MoveRequest manual(
                String dealId,
                long expectedVersion,
                DealStage toStage,
                String lostReasonId,
                String note) {
            return new MoveRequest(
                    dealId, expectedVersion, toStage, lostReasonId, note, StageChange.MANUAL);
        }

        /**
         * A move the system made, e.g. on a keyword in a message; the reason is the matched text.
         */
        public static MoveRequest automatic(
                String dealId, long expectedVersion, DealStage toStage, String matchedText) {
            return new MoveRequest(
                    dealId, expectedVersion, toStage, null, matchedText, StageChange.AUTOMATIC);
        }
    }

    /**
     * A new deal of a customer the caller can see and change, in the pipeline's first stage, owned
     * like the customer.
     */
    public Deal create(DealInput input, Caller caller) {
        policy.requireWritableFields(TYPE, caller.role(), input.writtenFields());
        Instant now = clock.instant();
        DealInput fields = DealRules.forCreate(input, today(now));
        Customer customer = customers.get(fields.customerId(), caller);
        policy.requireWrite(
                CustomerService.TYPE, customer.id(), caller, customer.ownership(), "createDeal");
        Pipeline pipeline = pipeline();
        Deal deal =
                Deal.builder()
                        .id(newId.get())
                        .version(0)
                        .customerId(customer.id())
                        .goldenId(customer.goldenId())
                        .title(fields.title())
                        .amountFen(fields.amount())
                        .expectedCloseDate(fields.expectedCloseDate())
                        .grossMarginPercent(fields.grossMarginPercent())
                        .nextStep(fields.nextStep())
                        .ownerId(customer.ownerId())
                        .team(customer.team())
                        .region(customer.fields().region())
                        .progress(DealProgress.start(pipeline.firstStage(), now))
                        .createdAt(now)
                        .updatedAt(now)
                        .build();
        return store.insert(deal, pipeline, WriteStamp.of(caller, now));
    }

    public Deal get(String id, Caller caller) {
        return findVisible(id, caller).orElseThrow(() -> new NotFoundException(TYPE, id));
    }

    /** The deal if it exists and the caller may see it (e.g. for its audit trail). */
    public Optional<Deal> findVisible(String id, Caller caller) {
        return store.find(id).filter(deal -> policy.mayRead(TYPE, caller, deal.ownership()));
    }

    /** The caller's deals matching the filter; row scope narrows the filter to an index key. */
    public Page<Deal> list(DealFilter filter, PageRequest page, Caller caller) {
        return RowScope.narrow(filter, policy.readScope(TYPE, caller.role()), caller)
                .map(scoped -> store.list(scoped, page))
                .orElseGet(() -> new Page<>(List.of(), false));
    }

    /**
     * The customer's deals the caller may read, newest first: one query of the customer's {@code
     * byCustomer} partition. A customer has few deals, so the row check runs on the page read; a
     * page may hold fewer than asked when some are outside the caller's scope.
     */
    public Page<Deal> ofCustomer(String customerId, PageRequest page, Caller caller) {
        Page<Deal> read = store.list(DealFilter.of(customerId, null, null, null), page);
        return new Page<>(
                read.entries().stream()
                        .filter(entry -> policy.mayRead(TYPE, caller, entry.item().ownership()))
                        .toList(),
                read.hasNextPage());
    }

    /** Changes the given fields; a later expected close date counts as a push. */
    public Deal update(String id, long expectedVersion, DealInput patch, Caller caller) {
        policy.requireWritableFields(TYPE, caller.role(), patch.writtenFields());
        Instant now = clock.instant();
        DealInput fields = DealRules.forUpdate(patch, today(now));
        Deal current = writable(id, expectedVersion, caller, "updateDeal");
        LocalDate closeDate =
                fields.expectedCloseDate() == null
                        ? current.expectedCloseDate()
                        : fields.expectedCloseDate();
        Deal next =
                current.toBuilder()
                        .title(fields.title() == null ? current.title() : fields.title())
                        .amountFen(fields.amount() == null ? current.amountFen() : fields.amount())
                        .expectedCloseDate(closeDate)
                        .grossMarginPercent(
                                fields.grossMarginPercent() == null
                                        ? current.grossMarginPercent()
                                        : fields.grossMarginPercent())
                        .nextStep(
                                fields.nextStep() == null ? current.nextStep() : fields.nextStep())
                        .progress(
                                current.progress()
                                        .closeDateChanged(current.expectedCloseDate(), closeDate))
                        .updatedAt(now)
                        .build();
        return store.replace(current, next, null, pipeline(), WriteStamp.of(caller, now));
    }

    /** Every condition of moving the deal to {@code toStage}, met or not, without moving it. */
    public List<RequirementCheck> stageRequirements(
            String dealId, DealStage toStage, Caller caller) {
        Deal deal = get(dealId, caller);
        return StageMachine.check(pipeline(), facts(deal), toStage, lostReason(null));
    }

    /**
     * Moves the deal when the pipeline allows it and every requirement is met; otherwise refuses
     * with STAGE_REQUIREMENTS_UNMET listing every unmet one. Writes the deal, its history row and
     * its stage entries in one transaction.
     */
    public Deal move(MoveRequest request, Caller caller) {
        String reason = DealRules.note(request.reason());
        Deal current = writable(request.dealId(), request.expectedVersion(), caller, "moveDeal");
        Pipeline pipeline = pipeline();
        List<RequirementCheck> unmet =
                StageMachine.unmet(
                        StageMachine.check(
                                pipeline,
                                facts(current),
                                request.toStage(),
                                lostReason(request.lostReasonId())));
        if (!unmet.isEmpty()) {
            throw new StageRequirementsUnmetException(request.toStage(), unmet);
        }
        boolean lost = pipeline.stage(request.toStage()).orElseThrow().type() == StageType.LOST;
        Instant now = clock.instant();
        DealProgress.Moved moved = current.progress().move(pipeline, request.toStage(), now);
        // a snooze and a stale flag belong to the stage left; the new stage's clock starts now
        Deal next =
                current.toBuilder()
                        .progress(moved.progress())
                        .lostReasonId(lost ? request.lostReasonId() : null)
                        .stale(false)
                        .snoozedUntil(null)
                        .snoozeReason(null)
                        .updatedAt(now)
                        .build();
        StageChange change =
                new StageChange(
                        current.stage(),
                        request.toStage(),
                        now,
                        caller.userId(),
                        request.source(),
                        lost ? request.lostReasonId() : reason,
                        moved.secondsInStageLeft());
        Deal written = store.replace(current, next, change, pipeline, WriteStamp.of(caller, now));
        if (StageChange.MANUAL.equals(request.source())) {
            activity.record(caller.userId(), now);
        }
        return written;
    }

    /** A person's move ({@code moveDeal}). */
    public Deal move(
            String id,
            long expectedVersion,
            DealStage toStage,
            String lostReasonId,
            String note,
            Caller caller) {
        return move(MoveRequest.manual(id, expectedVersion, toStage, lostReasonId, note), caller);
    }

    /**
     * no stale flag until {@code until}, for a reason. Only who may change the deal may
     * snooze it: its owner, and their team lead or region manager through the policy's write scope.
     * Clears the flag and moves the stale-due time to {@code until} at the earliest.
     */
    public Deal snooze(String id, Instant until, String reason, Caller caller) {
        Instant now = clock.instant();
        String checkedReason = DealRules.snooze(until, reason, now);
        Deal current = store.find(id).orElseThrow(() -> new NotFoundException(TYPE, id));
        policy.requireWrite(TYPE, id, caller, current.ownership(), "snoozeDeal");
        Deal next =
                current.toBuilder()
                        .stale(false)
                        .snoozedUntil(until)
                        .snoozeReason(checkedReason)
                        .updatedAt(now)
                        .build();
        return store.replace(current, next, null, pipeline(), WriteStamp.of(caller, now));
    }

    /** The deal's moves, newest first. */
    public List<StageChange> history(Deal deal) {
        return store.history(deal.id());
    }

    /** The moves of each of these deals, newest first: one batch for a page of deals. */
    public Map<String, List<StageChange>> histories(Set<String> dealIds) {
        // DynamoDB has no batched query: the deals' queries run side by side instead
        List<String> ids = List.copyOf(dealIds);
        List<List<StageChange>> histories = ParallelReads.each(ids, store::history);
        Map<String, List<StageChange>> byDeal = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            byDeal.put(ids.get(i), histories.get(i));
        }
        return byDeal;
    }

    /** The pipeline in force, e.g. to show each deal's probability from its stage. */
    public Pipeline currentPipeline() {
        return pipeline();
    }

    /** What the stage machine reads: the deal's set fields and the evidence filed for it. */
    DealFacts facts(Deal deal) {
        Map<String, Object> fields = new LinkedHashMap<>();
        putIfSet(fields, "title", deal.title());
        putIfSet(fields, "amount", deal.amountFen());
        putIfSet(fields, "expectedCloseDate", deal.expectedCloseDate());
        putIfSet(fields, "grossMarginPercent", deal.grossMarginPercent());
        putIfSet(fields, "nextStep", deal.nextStep());
        return new DealFacts(
                deal.stage(),
                deal.progress().lostIn(),
                fields,
                evidence.kinds(List.of(deal.id(), deal.customerId())));
    }

    private static void putIfSet(Map<String, Object> fields, String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    private Deal writable(String id, long expectedVersion, Caller caller, String operation) {
        Deal current = store.find(id).orElseThrow(() -> new NotFoundException(TYPE, id));
        policy.requireWrite(TYPE, id, caller, current.ownership(), operation);
        if (current.version() != expectedVersion) {
            throw new VersionConflictException(id, expectedVersion, current.version());
        }
        return current;
    }

    private StageMachine.LostReasonChoice lostReason(String reasonId) {
        return new StageMachine.LostReasonChoice(
                reasonId, config.current(DealLostReasons.DEFINITION).ids());
    }

    private Pipeline pipeline() {
        return config.current(Pipeline.DEFINITION);
    }

    private static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }
}

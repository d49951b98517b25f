package org.opencrm.core.contract;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Ownership;
import org.opencrm.core.access.RowScope;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerService;
import org.opencrm.core.deal.Deal;
import org.opencrm.core.deal.DealService;
import org.opencrm.core.deal.StageType;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.ConflictRetry;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.ParallelReads;
import org.opencrm.core.store.WriteStamp;

/**
 * Contract use cases (issue 16). Row scope as for deals: a contract outside the caller's read scope
 * is NOT_FOUND, one visible but outside the write scope FORBIDDEN. Every money event is one
 * transaction of the contract's new totals and its immutable fact ({@link ContractStore}), checked
 * first by {@link ContractRules}.
 */
public final class ContractService {

    public static final String TYPE = "Contract";

    private final ContractStore store;
    private final CustomerService customers;
    private final DealService deals;
    private final AccessPolicy policy;
    private final Clock clock;

    public ContractService(
            ContractStore store,
            CustomerService customers,
            DealService deals,
            AccessPolicy policy,
            Clock clock) {
        this.store = store;
        this.customers = customers;
        this.deals = deals;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * A new contract of a customer the caller can see (its golden customer when it was merged),
     * owned like its won deal or else like the customer. With {@code signedAt} it is recorded as
     * SIGNED at once (a paper contract already signed) with its signing fact; else a DRAFT.
     */
    public Contract create(ContractInput input, Caller caller) {
        Instant now = clock.instant();
        ContractRules.NewContract checked = ContractRules.forCreate(input, now);
        Customer customer = goldenCustomer(input.customerId(), caller);
        Ownership owned = ownershipOf(customer, input.dealId(), caller);
        String id = UUID.randomUUID().toString();
        policy.requireWrite(TYPE, id, caller, owned, "createContract");
        boolean signed = input.signedAt() != null;
        Contract contract =
                Contract.builder()
                        .id(id)
                        .version(0)
                        .number(checked.number())
                        .customerId(customer.id())
                        .goldenId(customer.goldenId())
                        .dealId(blankToNull(input.dealId()))
                        .ownerId(owned.ownerId())
                        .team(owned.team())
                        .region(owned.region())
                        .amountFen(checked.amountFen())
                        .taxRateBasisPoints(checked.taxRateBasisPoints())
                        .signedAt(input.signedAt())
                        .status(signed ? ContractStatus.SIGNED : ContractStatus.DRAFT)
                        .totals(
                                signed
                                        ? ContractTotals.NONE.plus(
                                                Caliber.SIGNED, checked.amountFen())
                                        : ContractTotals.NONE)
                        .createdAt(now)
                        .updatedAt(now)
                        .build();
        MoneyFact signing =
                signed ? signingFact(contract, 1, contract.signedOn(), caller, now) : null;
        return store.insert(contract, signing, WriteStamp.of(caller, now));
    }

    public Contract get(String id, Caller caller) {
        return findVisible(id, caller).orElseThrow(() -> new NotFoundException(TYPE, id));
    }

    /** The contract if it exists and the caller may see it (e.g. for its audit trail). */
    public Optional<Contract> findVisible(String id, Caller caller) {
        return store.find(id)
                .filter(contract -> policy.mayRead(TYPE, caller, contract.ownership()));
    }

    /** The caller's contracts matching the filter; row scope narrows it to an index key. */
    public Page<Contract> list(ContractFilter filter, PageRequest page, Caller caller) {
        return RowScope.narrow(filter, policy.readScope(TYPE, caller.role()), caller)
                .map(scoped -> store.list(scoped, page))
                .orElseGet(() -> new Page<>(List.of(), false));
    }

    /** DRAFT → APPROVED. */
    public Contract approve(String id, long expectedVersion, Caller caller) {
        Contract current = writable(id, expectedVersion, caller, "approveContract");
        ContractRules.requireTransition(current.status(), ContractStatus.APPROVED);
        Instant now = clock.instant();
        Contract next = current.toBuilder().status(ContractStatus.APPROVED).updatedAt(now).build();
        return store.replace(current, next, null, WriteStamp.of(caller, now));
    }

    /** APPROVED → SIGNED at {@code signedAt}, writing the signing fact of the whole amount. */
    public Contract sign(String id, Instant signedAt, long expectedVersion, Caller caller) {
        Instant now = clock.instant();
        Instant checkedAt = ContractRules.signedAt(signedAt, now);
        Contract current = writable(id, expectedVersion, caller, "signContract");
        ContractRules.requireTransition(current.status(), ContractStatus.SIGNED);
        Contract next =
                current.toBuilder()
                        .status(ContractStatus.SIGNED)
                        .signedAt(checkedAt)
                        .totals(current.totals().plus(Caliber.SIGNED, current.amountFen()))
                        .updatedAt(now)
                        .build();
        MoneyFact signing =
                signingFact(
                        next,
                        current.version() + 1,
                        ContractRules.businessDate(checkedAt),
                        caller,
                        now);
        return store.replace(
                current,
                next,
                new ContractStore.FactWrite(signing, null, null),
                WriteStamp.of(caller, now));
    }

    /**
     * Any status but VOIDED → VOIDED, for a reason. A signed contract's signed money is taken back
     * by a VOIDING fact of its negative, dated the void day; its other totals stay as recorded.
     */
    public Contract voidContract(String id, String reason, long expectedVersion, Caller caller) {
        String checkedReason = ContractRules.voidReason(reason);
        Contract current = writable(id, expectedVersion, caller, "voidContract");
        ContractRules.requireTransition(current.status(), ContractStatus.VOIDED);
        Instant now = clock.instant();
        long signedMoney = current.totals().signed();
        Contract next =
                current.toBuilder()
                        .status(ContractStatus.VOIDED)
                        .voidReason(checkedReason)
                        .voidedAt(now)
                        .totals(current.totals().plus(Caliber.SIGNED, -signedMoney))
                        .updatedAt(now)
                        .build();
        ContractStore.FactWrite voiding = null;
        if (current.status() == ContractStatus.SIGNED && signedMoney != 0) {
            MoneyFact fact =
                    fact(next, current.version() + 1, caller, now)
                            .kind(FactKind.VOIDING)
                            .date(ContractRules.businessDate(now))
                            .amountFen(-signedMoney)
                            .taxFen(ContractRules.taxOf(-signedMoney, current.taxRateBasisPoints()))
                            .build();
            voiding = new ContractStore.FactWrite(fact, null, null);
        }
        return store.replace(current, next, voiding, WriteStamp.of(caller, now));
    }

    /** A shipment, or with a negative amount a return. */
    public Contract recordShipment(
            String contractId, MoneyEventInput input, Long expectedVersion, Caller caller) {
        return record(
                Caliber.SHIPPED, contractId, input, expectedVersion, caller, "recordShipment");
    }

    /** An invoice, or with a negative amount a credit note; its number is claimed for good. */
    public Contract recordInvoice(
            String contractId, MoneyEventInput input, Long expectedVersion, Caller caller) {
        return record(
                Caliber.INVOICED, contractId, input, expectedVersion, caller, "recordInvoice");
    }

    /** A payment, or with a negative amount a refund. */
    public Contract recordPayment(
            String contractId, MoneyEventInput input, Long expectedVersion, Caller caller) {
        return record(
                Caliber.COLLECTED, contractId, input, expectedVersion, caller, "recordPayment");
    }

    /** A page of the contract's facts, oldest first, all or of one caliber. */
    public Page<RecordedFact> facts(
            String contractId, Caliber caliber, PageRequest page, Caller caller) {
        Contract contract = get(contractId, caller);
        return store.facts(contract.id(), caliber, page);
    }

    /**
     * The first {@code limit} facts of each of these contracts, which the caller has already been
     * shown (a page of contracts): one query per contract, side by side.
     */
    public Map<String, List<RecordedFact>> factsOf(Collection<String> contractIds, int limit) {
        return store.factsOf(contractIds, limit);
    }

    /**
     * The customers of a page of contracts as the caller may see them (absent: out of sight): one
     * read each, side by side.
     */
    public Map<String, Customer> visibleCustomers(Collection<String> customerIds, Caller caller) {
        return visible(customerIds, id -> customers.findVisible(id, caller));
    }

    /** The deals of a page of contracts as the caller may see them, side by side. */
    public Map<String, Deal> visibleDeals(Collection<String> dealIds, Caller caller) {
        return visible(dealIds, id -> deals.findVisible(id, caller));
    }

    private static <T> Map<String, T> visible(
            Collection<String> ids, Function<String, Optional<T>> findVisible) {
        List<String> keys = List.copyOf(ids);
        List<Optional<T>> found = ParallelReads.each(keys, findVisible);
        Map<String, T> visible = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            Optional<T> record = found.get(i);
            if (record.isPresent()) {
                visible.put(keys.get(i), record.get());
            }
        }
        return visible;
    }

    /**
     * One money event: checked against the contract as read, then written with the version read.
     * Without an expected version a race with another writer is retried on the contract as it now
     * is (the bounds checked again); with one, the caller's retry of a request already applied is
     * VERSION_CONFLICT, never a second fact.
     */
    private Contract record(
            Caliber caliber,
            String contractId,
            MoneyEventInput input,
            Long expectedVersion,
            Caller caller,
            String operation) {
        if (expectedVersion != null) {
            return recordOnce(caliber, contractId, input, expectedVersion, caller, operation);
        }
        return ConflictRetry.standard()
                .run(attempt -> recordOnce(caliber, contractId, input, null, caller, operation));
    }

    private Contract recordOnce(
            Caliber caliber,
            String contractId,
            MoneyEventInput input,
            Long expectedVersion,
            Caller caller,
            String operation) {
        Contract current = store.find(contractId).orElseThrow(() -> notFound(contractId));
        policy.requireWrite(TYPE, contractId, caller, current.ownership(), operation);
        if (expectedVersion != null && current.version() != expectedVersion) {
            throw new VersionConflictException(contractId, expectedVersion, current.version());
        }
        Instant now = clock.instant();
        ContractRules.CheckedEvent event =
                ContractRules.forEvent(caliber, input, current, ContractRules.businessDate(now));
        Contract next =
                current.toBuilder()
                        .totals(current.totals().plus(caliber, event.amountFen()))
                        .updatedAt(now)
                        .build();
        MoneyFact fact =
                fact(next, current.version() + 1, caller, now)
                        .kind(event.kind())
                        .date(event.date())
                        .amountFen(event.amountFen())
                        .taxFen(event.taxFen())
                        .reference(event.reference())
                        .build();
        String claim = event.reference() == null ? null : Keys.invoiceNumber(event.reference());
        return store.replace(
                current,
                next,
                new ContractStore.FactWrite(fact, event.invoiceType(), claim),
                WriteStamp.of(caller, now));
    }

    /**
     * The customer a contract is filed under: the customer itself, or, for the id of one merged
     * away (its golden id now held by the survivor), the surviving golden customer.
     */
    private Customer goldenCustomer(String customerId, Caller caller) {
        Optional<Customer> direct = customers.findVisible(customerId, caller);
        if (direct.isPresent()) {
            return direct.get();
        }
        try {
            return customers.byGoldenId(customerId, caller);
        } catch (ValidationException | NotFoundException none) {
            throw new NotFoundException(CustomerService.TYPE, customerId);
        }
    }

    /**
     * The won deal's owner, team and region when a deal is given (it must be the customer's and
     * WON), else the customer's.
     */
    private Ownership ownershipOf(Customer customer, String dealId, Caller caller) {
        if (dealId == null || dealId.isBlank()) {
            return new Ownership(
                    customer.ownerId(), customer.team(), customer.fields().region(), null);
        }
        Deal deal = deals.get(dealId, caller);
        if (!deal.customerId().equals(customer.id())) {
            throw new ValidationException(
                    new FieldProblem(
                            "dealId",
                            "sameCustomer",
                            "deal " + dealId + " is not a deal of customer " + customer.id(),
                            customer.id()));
        }
        boolean won =
                deals.currentPipeline()
                        .stage(deal.stage())
                        .map(stage -> stage.type() == StageType.WON)
                        .orElse(false);
        if (!won) {
            throw new ValidationException(
                    new FieldProblem(
                            "dealId",
                            "dealWon",
                            "the deal must be won; it is in " + deal.stage(),
                            StageType.WON.name()));
        }
        return deal.ownership();
    }

    private Contract writable(String id, long expectedVersion, Caller caller, String operation) {
        Contract current = store.find(id).orElseThrow(() -> notFound(id));
        policy.requireWrite(TYPE, id, caller, current.ownership(), operation);
        if (current.version() != expectedVersion) {
            throw new VersionConflictException(id, expectedVersion, current.version());
        }
        return current;
    }

    private static MoneyFact signingFact(
            Contract contract, long version, LocalDate date, Caller caller, Instant now) {
        return fact(contract, version, caller, now)
                .kind(FactKind.SIGNING)
                .date(date)
                .amountFen(contract.amountFen())
                .taxFen(contract.taxFen())
                .build();
    }

    /**
     * A fact of the contract as it will be at {@code version}: its id names the contract and that
     * version, so the one write that makes the version is the only one that can write the fact.
     */
    private static MoneyFactBuilder fact(
            Contract contract, long version, Caller caller, Instant now) {
        return MoneyFact.builder()
                .factId(contract.id() + "-v" + version)
                .contractId(contract.id())
                .contractNumber(contract.number())
                .customerId(contract.customerId())
                .ownerId(contract.ownerId())
                .team(contract.team())
                .region(contract.region())
                .contractVersion(version)
                .reference(contract.number())
                .recordedAt(now)
                .actorId(caller.userId());
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException(TYPE, id);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}

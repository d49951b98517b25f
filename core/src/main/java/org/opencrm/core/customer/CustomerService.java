package org.opencrm.core.customer;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.ForbiddenException;
import org.opencrm.core.access.RowScope;
import org.opencrm.core.access.Scope;
import org.opencrm.core.breaker.SensitiveOperationBreaker;
import org.opencrm.core.error.DuplicateException;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.identity.ExternalSystem;
import org.opencrm.core.identity.GoldenIds;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.ConflictRetry;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.Pages;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserService;

/**
 * Customer use cases. Every one answers to the caller: row scope and the field matrix come from the
 * access policy, reads outside scope are NOT_FOUND, writes to visible records outside the write
 * scope are FORBIDDEN.
 */
public final class CustomerService {

    public static final String TYPE = "Customer";

    /** Golden ids are 64 hex characters; anything much longer is not one. */
    static final int GOLDEN_ID_MAX_LENGTH = 128;

    private final CustomerStore store;
    private final UserService users;
    private final AccessPolicy policy;
    private final SensitiveOperationBreaker breaker;
    private final GoldenIds goldenIds;
    private final Clock clock;
    private final Supplier<String> newId;

    public CustomerService(
            CustomerStore store,
            UserService users,
            AccessPolicy policy,
            SensitiveOperationBreaker breaker,
            GoldenIds goldenIds,
            Clock clock) {
        this(store, users, policy, breaker, goldenIds, clock, () -> UUID.randomUUID().toString());
    }

    CustomerService(
            CustomerStore store,
            UserService users,
            AccessPolicy policy,
            SensitiveOperationBreaker breaker,
            GoldenIds goldenIds,
            Clock clock,
            Supplier<String> newId) {
        this.store = store;
        this.users = users;
        this.policy = policy;
        this.breaker = breaker;
        this.goldenIds = goldenIds;
        this.clock = clock;
        this.newId = newId;
    }

    public Customer create(CustomerInput input, Caller caller) {
        return create(input, caller, newId.get());
    }

    /**
     * With an id chosen by the caller (derived, so that a repeated conversion finds its customer).
     */
    public Customer create(CustomerInput input, Caller caller, String id) {
        return create(input, caller, id, null);
    }

    /**
     * With a golden id carried over from the record the customer comes from (a converted lead's),
     * or null to derive one from the new customer's contacts.
     */
    public Customer create(CustomerInput input, Caller caller, String id, String carriedGoldenId) {
        policy.requireWritableFields(TYPE, caller.role(), input.writtenFields());
        CustomerFields fields = CustomerRules.forCreate(input);
        if (fields.region() == null && caller.region() != null) {
            fields = fields.withRegion(caller.region());
        }
        String ownerId = input.ownerId() == null ? caller.userId() : input.ownerId();
        String team =
                ownerId.equals(caller.userId()) ? caller.team() : owner(ownerId, caller).team();
        Instant now = clock.instant();
        Customer customer =
                Customer.builder()
                        .id(id)
                        .version(0)
                        .fields(fields)
                        .ownerId(ownerId)
                        .team(team)
                        .serviceAgentId(serviceAgent(input.serviceAgentId()))
                        .createdAt(now)
                        .updatedAt(now)
                        .archived(false)
                        .goldenId(
                                carriedGoldenId == null
                                        ? assignedGoldenId(fields, id)
                                        : carriedGoldenId)
                        .build();
        requireWithinWriteScope(customer, caller, "createCustomer");
        WriteStamp stamp = WriteStamp.of(caller, now);
        return visibleDuplicates(
                () -> withOwnGoldenIdIfTaken(customer, claimable -> store.insert(claimable, stamp)),
                caller);
    }

    public Customer get(String id, Caller caller) {
        Customer customer = store.find(id).orElseThrow(() -> new NotFoundException(TYPE, id));
        if (!policy.mayRead(TYPE, caller, customer.ownership())) {
            throw new NotFoundException(TYPE, id);
        }
        return customer;
    }

    /** The customer if it exists and the caller may see it. */
    public Optional<Customer> findVisible(String id, Caller caller) {
        return store.find(id)
                .filter(customer -> policy.mayRead(TYPE, caller, customer.ownership()));
    }

    /** The caller's customers matching the filter; row scope narrows the filter to an index key. */
    public Page<Customer> list(CustomerFilter filter, PageRequest page, Caller caller) {
        return RowScope.narrow(filter, policy.readScope(TYPE, caller.role()), caller)
                .map(scoped -> store.list(scoped, page))
                .orElseGet(() -> new Page<>(List.of(), false));
    }

    public Customer update(String id, long expectedVersion, CustomerInput patch, Caller caller) {
        return update(id, expectedVersion, patch, null, caller);
    }

    /**
     * takes values another system holds, each changed field stamped with {@code source} (that
     * system and when it changed them) instead of {@code CRM}; otherwise exactly {@link #update}:
     * scope, field matrix, identity claims, and so one audit row.
     */
    public Customer updateFromSource(
            String id,
            long expectedVersion,
            CustomerInput patch,
            SourceStamp source,
            Caller caller) {
        return update(id, expectedVersion, patch, Objects.requireNonNull(source, "source"), caller);
    }

    private Customer update(
            String id,
            long expectedVersion,
            CustomerInput patch,
            SourceStamp fromSource,
            Caller caller) {
        policy.requireWritableFields(TYPE, caller.role(), patch.writtenFields());
        Customer current = writable(id, expectedVersion, caller, "updateCustomer");
        Instant now = clock.instant();
        CustomerFields fields = CustomerRules.forUpdate(current.fields(), patch);
        SourceStamp source = fromSource == null ? SourceStamp.crm(now) : fromSource;
        Customer stamped = current.withFieldsFrom(fields, now, source);
        // the golden id stays as assigned; only a customer from before R-07 ids gets one now
        Customer next =
                current.goldenId() == null
                        ? stamped.withGoldenId(assignedGoldenId(fields, id))
                        : stamped;
        if (patch.ownerId() != null && !patch.ownerId().equals(current.ownerId())) {
            next = next.withOwner(patch.ownerId(), owner(patch.ownerId(), caller).team(), now);
        }
        if (patch.serviceAgentId() != null) {
            next = next.withServiceAgent(serviceAgent(patch.serviceAgentId()), now);
        }
        requireWithinWriteScope(next, caller, "updateCustomer");
        Customer changed = next;
        WriteStamp stamp = WriteStamp.of(caller, now);
        Function<Customer, Customer> write = claimable -> store.replace(current, claimable, stamp);
        Customer saved =
                current.goldenId() == null
                        ? visibleDuplicates(() -> withOwnGoldenIdIfTaken(changed, write), caller)
                        : visibleDuplicates(() -> write.apply(changed), caller);
        // counted once committed: a write refused on its way changed no level
        if (current.fields().level() != saved.fields().level()) {
            breaker.countCommittedLevelChange(caller, id, saved.version());
        }
        return saved;
    }

    /**
     * the customer other systems know by {@code goldenId}, its own or one it absorbed, by
     * key; NOT_FOUND when none, or outside the caller's scope.
     */
    public Customer byGoldenId(String goldenId, Caller caller) {
        String checked = goldenId == null ? "" : goldenId.strip();
        if (checked.isEmpty()) {
            throw new ValidationException(FieldProblem.of("goldenId", "required", "is required"));
        }
        if (checked.length() > GOLDEN_ID_MAX_LENGTH) {
            throw new ValidationException(
                    FieldProblem.tooLong("goldenId", GOLDEN_ID_MAX_LENGTH, checked.length()));
        }
        return store.holderOf(Keys.goldenId(checked))
                .flatMap(id -> findVisible(id, caller))
                .orElseThrow(() -> new NotFoundException(TYPE, "goldenId:" + checked));
    }

    /**
     * A lead converted into this customer brings its golden id along: the customer keeps its own
     * (one created from the lead carries the lead's already), and a different id of the lead's is
     * claimed for the customer so that it resolves there. No write when the ids are the same.
     *
     * @return the golden id the lead now resolves through: its own when claimed for the customer,
     *     else (another customer holds it) the customer's own
     */
    public String absorbGoldenId(String customerId, String absorbedGoldenId) {
        Customer survivor =
                store.find(customerId).orElseThrow(() -> new NotFoundException(TYPE, customerId));
        if (absorbedGoldenId == null || absorbedGoldenId.equals(survivor.goldenId())) {
            return survivor.goldenId();
        }
        boolean claimed = store.claimGoldenId(absorbedGoldenId, customerId, clock.instant());
        return claimed ? absorbedGoldenId : survivor.goldenId();
    }

    /**
     * the customer an external system knows by {@code externalId}, by key; NOT_FOUND outside
     * scope.
     */
    public Customer byExternalId(ExternalSystem system, String externalId, Caller caller) {
        String checked = ExternalSystem.checkedId(externalId);
        if (checked == null) {
            throw new ValidationException(FieldProblem.of("id", "required", "is required"));
        }
        String key = Keys.externalId(system.name(), checked);
        return store.holderOf(key)
                .flatMap(id -> findVisible(id, caller))
                .orElseThrow(() -> new NotFoundException(TYPE, system + ":" + externalId));
    }

    /**
     * Records (or with a null id removes) the customer's id in an external system. One external id
     * belongs to one customer: a second claim is refused as DUPLICATE.
     */
    public Customer setExternalId(
            String id,
            long expectedVersion,
            ExternalSystem system,
            String externalId,
            Caller caller) {
        String checked = ExternalSystem.checkedId(externalId);
        Customer current = writable(id, expectedVersion, caller, "setCustomerExternalId");
        Instant now = clock.instant();
        Customer next = current.withExternalId(system.name(), checked, now);
        return visibleDuplicates(
                () -> store.replace(current, next, WriteStamp.of(caller, now)), caller);
    }

    /** derived once, from the most stable contact known when it is assigned. */
    private String assignedGoldenId(CustomerFields fields, String customerId) {
        return goldenIds.assign(
                new GoldenIds.Basis(
                        fields.phone(),
                        fields.email(),
                        fields.wechatId(),
                        fields.nationalId(),
                        customerId));
    }

    /**
     * Writes the customer; if its contact-derived golden id already names an earlier customer
     * (whose phone this was before they changed it), writes it again with an id of its own.
     */
    private Customer withOwnGoldenIdIfTaken(Customer customer, Function<Customer, Customer> write) {
        try {
            return write.apply(customer);
        } catch (DuplicateException taken) {
            if (!CustomerStore.GOLDEN_ID_FIELD.equals(taken.field())) {
                throw taken;
            }
            return write.apply(customer.withGoldenId(goldenIds.ofRecord(customer.id())));
        }
    }

    public Customer archive(String id, long expectedVersion, String reason, Caller caller) {
        String checkedReason = CustomerRules.archiveReason(reason);
        Customer current = writable(id, expectedVersion, caller, "archiveCustomer");
        if (current.archived()) {
            throw new ValidationException(
                    FieldProblem.of(
                            "id", "notArchived", "customer " + id + " is already archived"));
        }
        Instant now = clock.instant();
        return store.replace(
                current,
                current.withArchived(true, checkedReason, now),
                WriteStamp.of(caller, now));
    }

    public Customer restore(String id, long expectedVersion, Caller caller) {
        Customer current = writable(id, expectedVersion, caller, "restoreCustomer");
        if (!current.archived()) {
            throw new ValidationException(
                    FieldProblem.of("id", "archived", "customer " + id + " is not archived"));
        }
        Instant now = clock.instant();
        return store.replace(
                current, current.withArchived(false, null, now), WriteStamp.of(caller, now));
    }

    /**
     * Removes the customer and frees its phone and email. Sensitive: ADMIN only (the
     * policy's operations) and with a reason, which the audit trail keeps.
     */
    public Customer delete(String id, long expectedVersion, String reason, Caller caller) {
        String checkedReason = CustomerRules.archiveReason(reason);
        Customer current = writable(id, expectedVersion, caller, "deleteCustomer");
        Instant now = clock.instant();
        return store.delete(current, "deleted: " + checkedReason, WriteStamp.of(caller, now));
    }

    /**
     * Hands every customer of {@code fromUserId} (active and archived) to {@code successor}.
     * Idempotent: a repeat after a crash moves what is left.
     */
    public int handOver(String fromUserId, User successor, Caller caller) {
        return changeEach(
                CustomerFilter.none().withOwner(fromUserId),
                customer -> fromUserId.equals(customer.ownerId()),
                (customer, now) -> customer.withOwner(successor.id(), successor.team(), now),
                caller);
    }

    /**
     * Hands every customer {@code fromAgentId} serves to {@code successor}, another service agent.
     */
    public int handOverServed(String fromAgentId, User successor, Caller caller) {
        return changeEach(
                CustomerFilter.none().withServiceAgent(fromAgentId),
                customer -> fromAgentId.equals(customer.serviceAgentId()),
                (customer, now) -> customer.withServiceAgent(successor.id(), now),
                caller);
    }

    /**
     * Keeps the owner's team on their customers (active and archived) after the owner moved to
     * {@code team}, so the new team lead's list finds them and the old one's does not.
     */
    public int followOwnerTeam(String ownerId, String team, Caller caller) {
        return changeEach(
                CustomerFilter.none().withOwner(ownerId),
                customer ->
                        ownerId.equals(customer.ownerId())
                                && !Objects.equals(customer.team(), team),
                (customer, now) -> customer.withOwner(ownerId, team, now),
                caller);
    }

    /**
     * The one bulk change: applies {@code change} to every customer of the filter's partition,
     * active and archived, page by page. A cursor is a sort-key position, so it stays valid while
     * changed customers leave the partition. Each customer is re-read and re-checked when someone
     * changed it meanwhile (or the index copy was stale).
     */
    private int changeEach(
            CustomerFilter partition,
            Predicate<Customer> applies,
            BiFunction<Customer, Instant, Customer> change,
            Caller caller) {
        int changed = 0;
        for (boolean archived : new boolean[] {false, true}) {
            CustomerFilter part = partition.withArchived(archived);
            changed +=
                    (int)
                            Pages.all(page -> store.list(part, page))
                                    .filter(listed -> changeOne(listed, applies, change, caller))
                                    .count();
        }
        return changed;
    }

    /** The listed copy first; after a conflict, the customer as it is now. */
    private boolean changeOne(
            Customer listed,
            Predicate<Customer> applies,
            BiFunction<Customer, Instant, Customer> change,
            Caller caller) {
        return ConflictRetry.standard()
                .run(
                        attempt -> {
                            Customer current =
                                    attempt == 1 ? listed : store.find(listed.id()).orElse(null);
                            if (current == null || !applies.test(current)) {
                                return false;
                            }
                            Instant now = clock.instant();
                            store.replace(
                                    current,
                                    change.apply(current, now),
                                    WriteStamp.of(caller, now));
                            return true;
                        });
    }

    /** Whether this user may own customers: the roles the policy lets create and keep customers. */
    public boolean canOwnCustomers(User user) {
        return policy.mayCall("Mutation", "createCustomer", user.role())
                && policy.writeScope(TYPE, user.role()) != Scope.NONE;
    }

    /** Whether this user serves customers (customer service) rather than owning them. */
    public boolean canServeCustomers(User user) {
        return policy.readScope(TYPE, user.role()) == Scope.SERVED;
    }

    /**
     * A duplicate names the customer holding the phone or email only to a caller who may see it.
     */
    private Customer visibleDuplicates(Supplier<Customer> write, Caller caller) {
        try {
            return write.get();
        } catch (DuplicateException duplicate) {
            boolean holderVisible =
                    duplicate.existingId() != null
                            && findVisible(duplicate.existingId(), caller).isPresent();
            throw holderVisible ? duplicate : duplicate.withoutHolder();
        }
    }

    private Customer writable(String id, long expectedVersion, Caller caller, String operation) {
        Customer current = store.find(id).orElseThrow(() -> new NotFoundException(TYPE, id));
        policy.requireWrite(TYPE, id, caller, current.ownership(), operation);
        if (current.version() != expectedVersion) {
            throw new VersionConflictException(id, expectedVersion, current.version());
        }
        return current;
    }

    /**
     * A new or changed customer must land inside the caller's write scope, e.g. a rep cannot give a
     * customer away.
     */
    private void requireWithinWriteScope(Customer customer, Caller caller, String operation) {
        Scope scope = policy.writeScope(TYPE, caller.role());
        if (!customer.ownership().within(scope, caller)) {
            throw new ForbiddenException(
                    operation,
                    caller.role()
                            + " "
                            + caller.userId()
                            + " may only create or leave customers within write scope "
                            + scope
                            + " (owner "
                            + customer.ownerId()
                            + ", team "
                            + customer.team()
                            + ", region "
                            + customer.fields().region()
                            + ")");
        }
    }

    /**
     * One answer for every reason a user cannot take the customer, so nothing is learnt about users
     * out of sight.
     */
    private User owner(String ownerId, Caller caller) {
        return users.findOptional(ownerId)
                .filter(User::active)
                .filter(this::canOwnCustomers)
                .filter(owner -> policy.mayRead(UserService.TYPE, caller, owner.ownership()))
                .orElseThrow(
                        () ->
                                new ValidationException(
                                        FieldProblem.of(
                                                "ownerId",
                                                "eligibleOwner",
                                                "must be an ACTIVE user in your scope who can own customers, got "
                                                        + ownerId)));
    }

    /**
     * The service agent to set: "" clears it; anyone else must be ACTIVE customer service (org-wide
     * staff).
     */
    private String serviceAgent(String agentId) {
        if (agentId == null || agentId.isBlank()) {
            return null;
        }
        User agent =
                users.findOptional(agentId)
                        .filter(User::active)
                        .filter(this::canServeCustomers)
                        .orElseThrow(
                                () ->
                                        new ValidationException(
                                                FieldProblem.of(
                                                        "serviceAgentId",
                                                        "customerService",
                                                        "must be an ACTIVE customer-service user, got "
                                                                + agentId)));
        return agent.id();
    }
}

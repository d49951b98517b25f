package org.opencrm.core.lead;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.RowScope;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.customer.CustomerService;
import org.opencrm.core.error.DuplicateException;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.WriteStamp;

/** Reading leads within the caller's row scope, and converting a lead into a customer. */
public final class LeadService {

    public static final String TYPE = "Lead";
    public static final int NOTE_MAX = 2000;

    private final LeadStore store;
    private final CustomerService customers;
    private final ConfigService config;
    private final AccessPolicy policy;
    private final Clock clock;

    public LeadService(
            LeadStore store,
            CustomerService customers,
            ConfigService config,
            AccessPolicy policy,
            Clock clock) {
        this.store = store;
        this.customers = customers;
        this.config = config;
        this.policy = policy;
        this.clock = clock;
    }

    public Lead get(String id, Caller caller) {
        return store.find(id)
                .filter(lead -> policy.mayRead(TYPE, caller, lead.ownership()))
                .orElseThrow(() -> new NotFoundException(TYPE, id));
    }

    /**
     * The customer's leads the caller may read, newest first: one index query. A customer has few
     * leads, so the row check runs on the page read rather than narrowing an index key; a page may
     * hold fewer than asked when some are outside the caller's scope.
     */
    public Page<Lead> ofCustomer(String customerId, PageRequest page, Caller caller) {
        Page<Lead> read = store.ofCustomer(customerId, page);
        return new Page<>(
                read.entries().stream()
                        .filter(entry -> policy.mayRead(TYPE, caller, entry.item().ownership()))
                        .toList(),
                read.hasNextPage());
    }

    /** The caller's leads matching the filter; row scope narrows the filter to an index key. */
    public Page<Lead> list(LeadFilter filter, PageRequest page, Caller caller) {
        if (filter.from() != null && filter.to() != null && filter.from().isAfter(filter.to())) {
            throw new ValidationException(
                    new FieldProblem(
                            "filter.from",
                            "beforeTo",
                            "must not be after filter.to ("
                                    + filter.to()
                                    + "), got "
                                    + filter.from(),
                            null));
        }
        return RowScope.narrow(filter, policy.readScope(TYPE, caller.role()), caller)
                .map(scoped -> store.list(scoped, page))
                .orElseGet(() -> new Page<>(List.of(), false));
    }

    /**
     * Turns the lead into a customer, or links it with the customer that already holds its phone or
     * email (R-06: never a duplicate), and keeps the link on the lead. The customer is owned by the
     * lead's owner, or by the caller while the lead has none. The lead's golden id goes with it
     * a new customer is created with it, an existing customer keeps its own and absorbs the
     * lead's, which then resolves to it.
     */
    public Lead convert(String id, long expectedVersion, Caller caller) {
        Lead lead = store.find(id).orElseThrow(() -> new NotFoundException(TYPE, id));
        policy.requireWrite(TYPE, id, caller, lead.ownership(), "convertLead");
        if (lead.version() != expectedVersion) {
            throw new VersionConflictException(id, expectedVersion, lead.version());
        }
        if (lead.customerId() != null) {
            throw new ValidationException(
                    new FieldProblem(
                            "id",
                            "notConverted",
                            "lead "
                                    + id
                                    + " is already converted into customer "
                                    + lead.customerId(),
                            null));
        }
        LeadLifecycle.require(lead.status(), LeadLifecycle.Action.CONVERT);
        String customerId =
                existingCustomer(lead, caller).orElseGet(() -> createCustomer(lead, caller));
        // a customer created from the lead carries its golden id already; one it is linked
        // with keeps its own, and the lead's is claimed for it so that both resolve to it
        String goldenId = customers.absorbGoldenId(customerId, lead.goldenId());
        Instant now = clock.instant();
        Lead converted = lead.converted(customerId, now).withGoldenId(goldenId);
        return store.replaceOrConflict(lead, converted, WriteStamp.of(caller, now));
    }

    /**
     * {@code disqualifyLead}: closes an open lead for one of the configured reasons ({@link
     * LeadDisqualifyReasons}); its owner's open-lead count is released in the same transaction.
     */
    public Lead disqualify(
            String id, long expectedVersion, String reasonId, String note, Caller caller) {
        String reason = knownReason(reasonId);
        String checkedNote = note == null || note.isBlank() ? null : note.strip();
        if (checkedNote != null && checkedNote.length() > NOTE_MAX) {
            throw new ValidationException(
                    FieldProblem.tooLong("note", NOTE_MAX, checkedNote.length()));
        }
        Lead lead = get(id, caller);
        policy.requireWrite(TYPE, id, caller, lead.ownership(), "disqualifyLead");
        if (lead.version() != expectedVersion) {
            throw new VersionConflictException(id, expectedVersion, lead.version());
        }
        LeadLifecycle.require(lead.status(), LeadLifecycle.Action.DISQUALIFY);
        Instant now = clock.instant();
        Lead disqualified = lead.disqualified(reason, checkedNote, now);
        return store.replaceOrConflict(lead, disqualified, WriteStamp.of(caller, now));
    }

    /** The reason id as configured, or BAD_USER_INPUT on {@code reasonId} listing the choices. */
    private String knownReason(String reasonId) {
        LeadDisqualifyReasons reasons = config.current(LeadDisqualifyReasons.DEFINITION);
        String choices = String.join(", ", reasons.ids());
        if (reasonId == null || reasonId.isBlank()) {
            throw new ValidationException(
                    new FieldProblem(
                            "reasonId",
                            "required",
                            "a reason is required, one of " + choices,
                            reasons.ids()));
        }
        String id = reasonId.strip();
        if (reasons.find(id).isEmpty()) {
            throw new ValidationException(
                    new FieldProblem(
                            "reasonId",
                            "oneOf",
                            "must be one of " + choices + ", got " + id,
                            reasons.ids()));
        }
        return id;
    }

    /**
     * The customer this lead becomes: the one an earlier attempt created (its id derives from the
     * lead's), or the one holding its phone or email. One out of the caller's sight is refused as
     * DUPLICATE without naming it.
     */
    private Optional<String> existingCustomer(Lead lead, Caller caller) {
        String derived = customerIdOf(lead);
        if (customers.findVisible(derived, caller).isPresent()) {
            return Optional.of(derived);
        }
        Optional<LeadStore.Holder> holder = store.customerHolderOf(lead.fields());
        if (holder.isPresent()
                && customers.findVisible(holder.get().customerId(), caller).isEmpty()) {
            throw new DuplicateException(holder.get().matchedBy(), null).withoutHolder();
        }
        return holder.map(LeadStore.Holder::customerId);
    }

    private static String customerIdOf(Lead lead) {
        return java.util
                .UUID
                .nameUUIDFromBytes(
                        ("customer-of-lead:" + lead.id())
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }

    private String createCustomer(Lead lead, Caller caller) {
        LeadFields fields = lead.fields();
        String owner =
                lead.ownerId() == null || lead.ownerId().equals(caller.userId())
                        ? null
                        : lead.ownerId();
        CustomerInput input =
                CustomerInput.builder()
                        .name(displayName(fields))
                        .phone(fields.phone())
                        .email(fields.email())
                        .wechatId(fields.wechatId())
                        .remark(fields.notes())
                        .region(fields.region())
                        .nationalId(fields.nationalId())
                        .expectedDealAmount(fields.budget())
                        .ownerId(owner)
                        .build();
        try {
            return customers.create(input, caller, customerIdOf(lead), lead.goldenId()).id();
        } catch (DuplicateException raced) {
            // created by someone else between our look and our write: link to theirs
            return existingCustomer(lead, caller).orElseThrow(() -> raced);
        }
    }

    /** Customers need a name; a lead without one is named after its contact. */
    private static String displayName(LeadFields fields) {
        if (fields.name() != null) {
            return fields.name();
        }
        if (fields.phone() != null) {
            return fields.phone();
        }
        return fields.email() != null ? fields.email() : fields.wechatId();
    }
}

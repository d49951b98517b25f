package org.opencrm.core.activity;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Ownership;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerService;
import org.opencrm.core.deal.Deal;
import org.opencrm.core.deal.DealService;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.idle.ActivityLog;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadService;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.WriteStamp;

/**
 * Activities (跟进记录, issue 15): logged on a customer, lead or deal by whoever may change that record
 * (NOT_FOUND outside its read scope, FORBIDDEN inside it but outside its write scope), tagged by
 * {@link TagMatcher} when written and again when edited.
 */
public final class ActivityService {

    public static final String TYPE = "Activity";

    private final ActivityStore store;
    private final CustomerService customers;
    private final LeadService leads;
    private final DealService deals;
    private final AccessPolicy policy;
    private final ConfigService config;
    private final Clock clock;
    private final ActivityLog activityLog;

    /** What an activity is logged on, as resolved for the caller. */
    private record Target(
            String type,
            String id,
            String customerId,
            String goldenId,
            String leadId,
            String dealId,
            Ownership ownership) {}

    public ActivityService(
            ActivityStore store,
            CustomerService customers,
            LeadService leads,
            DealService deals,
            AccessPolicy policy,
            ConfigService config,
            Clock clock,
            ActivityLog activityLog) {
        this.store = store;
        this.customers = customers;
        this.leads = leads;
        this.deals = deals;
        this.policy = policy;
        this.config = config;
        this.clock = clock;
        this.activityLog = activityLog;
    }

    public Activity log(ActivityInput input, Caller caller) {
        Instant now = clock.instant();
        ActivityRules.checkNew(input, now);
        Target target = writableTarget(input, caller, "logActivity");
        Activity activity =
                Activity.builder()
                        .id(UUID.randomUUID().toString())
                        .version(0)
                        .kind(input.kind())
                        .body(input.body())
                        .occurredAt(input.occurredAt() == null ? now : input.occurredAt())
                        .durationSeconds(input.durationSeconds())
                        .outcome(input.outcome())
                        .nextFollowUpAt(input.nextFollowUpAt())
                        .actorId(caller.userId())
                        .tags(TagMatcher.match(input.body(), tags()))
                        .recordType(target.type())
                        .recordId(target.id())
                        .customerId(target.customerId())
                        .goldenId(target.goldenId())
                        .leadId(target.leadId())
                        .dealId(target.dealId())
                        .ownership(target.ownership())
                        .createdAt(now)
                        .updatedAt(now)
                        .build();
        Activity stored = store.insert(activity, WriteStamp.of(caller, now));
        // the idle watch: a logged follow-up is the rep's work
        activityLog.record(caller.userId(), stored.occurredAt());
        return stored;
    }

    /**
     * Edits what the activity says; its tags are recomputed. Who may change its record may edit it.
     * The audit row of the edit keeps the previous text.
     */
    public Activity update(String id, long expectedVersion, ActivityPatch patch, Caller caller) {
        Instant now = clock.instant();
        ActivityRules.checkPatch(patch, now);
        Activity current = store.find(id).orElseThrow(() -> new NotFoundException(TYPE, id));
        Target target =
                writableRecord(current.recordType(), current.recordId(), caller, "updateActivity");
        if (current.version() != expectedVersion) {
            throw new VersionConflictException(id, expectedVersion, current.version());
        }
        String body = patch.body() == null ? current.body() : patch.body();
        Instant followUp =
                patch.clearNextFollowUp()
                        ? null
                        : patch.nextFollowUpAt() == null
                                ? current.nextFollowUpAt()
                                : patch.nextFollowUpAt();
        Activity next =
                current.toBuilder()
                        .body(body)
                        .outcome(patch.outcome() == null ? current.outcome() : patch.outcome())
                        .nextFollowUpAt(followUp)
                        .tags(TagMatcher.match(body, tags()))
                        .ownership(target.ownership())
                        .updatedAt(now)
                        .build();
        return store.replace(current, next, WriteStamp.of(caller, now));
    }

    /** One activity, if the caller may read its record. */
    public Activity get(String id, Caller caller) {
        return findVisible(id, caller).orElseThrow(() -> new NotFoundException(TYPE, id));
    }

    /** The activity if it exists and the caller may read its record (e.g. for its audit trail). */
    public Optional<Activity> findVisible(String id, Caller caller) {
        return store.find(id).filter(activity -> mayRead(activity, caller));
    }

    /** A customer's activities, newest first, for whoever may read the customer. */
    public Page<Activity> ofCustomer(String customerId, PageRequest page, Caller caller) {
        customers.get(customerId, caller);
        return store.byCustomer(customerId, page);
    }

    /** Customers' high-potential marks: one batch read for a page of customers. */
    public Map<String, HighPotential> highPotentials(Set<String> customerIds) {
        return store.highPotentials(customerIds);
    }

    private boolean mayRead(Activity activity, Caller caller) {
        return switch (activity.recordType()) {
            case CustomerService.TYPE ->
                    customers.findVisible(activity.recordId(), caller).isPresent();
            case DealService.TYPE -> deals.findVisible(activity.recordId(), caller).isPresent();
            default -> {
                try {
                    leads.get(activity.recordId(), caller);
                    yield true;
                } catch (NotFoundException outOfScope) {
                    yield false;
                }
            }
        };
    }

    /** The one target ActivityRules let through: the one id that is not blank. */
    private Target writableTarget(ActivityInput input, Caller caller, String operation) {
        if (isGiven(input.dealId())) {
            return writableRecord(DealService.TYPE, input.dealId(), caller, operation);
        }
        if (isGiven(input.leadId())) {
            return writableRecord(LeadService.TYPE, input.leadId(), caller, operation);
        }
        return writableRecord(CustomerService.TYPE, input.customerId(), caller, operation);
    }

    /** The record as it is now, if the caller may change it (NOT_FOUND / FORBIDDEN otherwise). */
    private Target writableRecord(String type, String id, Caller caller, String operation) {
        switch (type) {
            case DealService.TYPE -> {
                Deal deal = deals.get(id, caller);
                policy.requireWrite(type, id, caller, deal.ownership(), operation);
                return new Target(
                        type, id, deal.customerId(), deal.goldenId(), null, id, deal.ownership());
            }
            case LeadService.TYPE -> {
                Lead lead = leads.get(id, caller);
                policy.requireWrite(type, id, caller, lead.ownership(), operation);
                return new Target(
                        type, id, lead.customerId(), lead.goldenId(), id, null, lead.ownership());
            }
            default -> {
                Customer customer = customers.get(id, caller);
                policy.requireWrite(type, id, caller, customer.ownership(), operation);
                return new Target(
                        type, id, id, customer.goldenId(), null, null, customer.ownership());
            }
        }
    }

    private static boolean isGiven(String id) {
        return id != null && !id.isBlank();
    }

    private ActivityTags tags() {
        return config.current(ActivityTags.DEFINITION);
    }
}

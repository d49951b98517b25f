package org.opencrm.core.activity;

import java.time.Clock;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.customer.CustomerService;
import org.opencrm.core.deal.DealService;
import org.opencrm.core.deal.DealStore;
import org.opencrm.core.idle.ActivityLog;
import org.opencrm.core.lead.LeadService;
import org.opencrm.core.notify.NotificationOutbox;

/**
 * Activities and what follows from them (issue 15 items 1–3).
 *
 * @param service logActivity, updateActivity, a customer's activities
 * @param store the table, e.g. for a timeline that merges {@code byCustomer} pages
 * @param reactor the activities stream's reaction (high potential, keyword auto-move)
 * @param followUps the follow-up reminder sweep
 */
public record Activities(
        ActivityService service,
        ActivityStore store,
        ActivityReactor reactor,
        FollowUps followUps) {

    /** The parts {@link #over} wires, by name. */
    public record Parts(
            ActivityStore store,
            CustomerService customers,
            LeadService leads,
            DealService deals,
            DealStore dealStore,
            NotificationOutbox outbox,
            AccessPolicy policy,
            ConfigService config) {}

    /** Without the idle watch: for tests of other things. */
    public static Activities over(Parts parts, Clock clock) {
        return over(parts, ActivityLog.NONE, clock);
    }

    /** Every activity logged is also noted in {@code activityLog} (R-17 idle reps). */
    public static Activities over(Parts parts, ActivityLog activityLog, Clock clock) {
        return new Activities(
                new ActivityService(
                        parts.store(),
                        parts.customers(),
                        parts.leads(),
                        parts.deals(),
                        parts.policy(),
                        parts.config(),
                        clock,
                        activityLog),
                parts.store(),
                new ActivityReactor(
                        parts.store(),
                        parts.dealStore(),
                        parts.deals(),
                        parts.outbox(),
                        parts.config(),
                        clock),
                new FollowUps(parts.store(), parts.outbox(), clock));
    }
}

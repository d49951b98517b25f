package org.opencrm.core.timeline;

import java.util.List;
import java.util.stream.Collectors;
import org.opencrm.core.access.Caller;
import org.opencrm.core.activity.Activity;
import org.opencrm.core.activity.ActivityStore;
import org.opencrm.core.activity.TagMatch;
import org.opencrm.core.customer.CustomerService;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;

/**
 * The customer's follow-ups (issue 15 item 1): its {@code byCustomer} activity partition, one key
 * query, newest first by when they happened. An edited activity is still one entry.
 */
public final class ActivityTimeline implements TimelineSource {

    public static final String NAME = "activity";
    private static final int TITLE_CHARS = 80;

    private final CustomerService customers;
    private final ActivityStore activities;

    public ActivityTimeline(CustomerService customers, ActivityStore activities) {
        this.customers = customers;
        this.activities = activities;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Page<TimelineEntry> page(String customerId, PageRequest page, Caller caller) {
        // a customer out of the caller's sight has no story for them, not an error
        if (customers.findVisible(customerId, caller).isEmpty()) {
            return new Page<>(List.of(), false);
        }
        return activities.byCustomer(customerId, page).map(ActivityTimeline::entry);
    }

    private static TimelineEntry entry(Activity activity) {
        String body = activity.body() == null ? "" : activity.body();
        String title =
                activity.kind()
                        + (body.isEmpty() ? "" : ": ")
                        + (body.length() > TITLE_CHARS
                                ? body.substring(0, TITLE_CHARS) + "…"
                                : body);
        String tags =
                activity.tags().stream()
                        .map(TagMatch::tag)
                        .distinct()
                        .collect(Collectors.joining(", "));
        return new TimelineEntry(
                activity.occurredAt(),
                "ACTIVITY_" + activity.kind(),
                title,
                activity.actorId(),
                activity.id(),
                tags.isEmpty() ? null : tags);
    }
}

package org.opencrm.core.health;

import java.time.Instant;
import java.util.Iterator;
import org.opencrm.core.activity.Activity;
import org.opencrm.core.activity.ActivityStore;
import org.opencrm.core.store.Pages;

/**
 * A customer's activities within the window: its timeline index, newest first, read only as far
 * back as the window reaches (and no further than {@link #MOST} activities).
 */
public final class ActivityTouches implements TouchSource {

    /** More than any target makes sense for; a customer with thousands reads no more than this. */
    static final int MOST = 1_000;

    private final ActivityStore activities;

    public ActivityTouches(ActivityStore activities) {
        this.activities = activities;
    }

    @Override
    public Touches addTo(Touches touches, String customerId, Instant since) {
        Iterator<Activity> newestFirst =
                Pages.all(100, page -> activities.byCustomer(customerId, page))
                        .limit(MOST)
                        .iterator();
        Instant latest = null;
        int count = 0;
        while (newestFirst.hasNext()) {
            Activity activity = newestFirst.next();
            latest = latest == null ? activity.occurredAt() : latest;
            if (activity.occurredAt().isBefore(since)) {
                break;
            }
            count++;
        }
        return touches.withActivities(count, latest);
    }
}

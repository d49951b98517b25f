package org.opencrm.core.activity;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.notify.NotificationOutbox;

/**
 * The follow-up sweep: every reminder due by now is read from the sparse byFollowUpDue index, never
 * a scan; its actor is told ({@code FOLLOW_UP_DUE}), then the reminder is removed if it is still
 * the one read. The notification is written first, with an id from the activity and the due time,
 * so a sweep that crashed in between, or two overlapping sweeps, tell once.
 */
public final class FollowUps {

    static final int MAX_PER_RUN = 2_000;

    private final ActivityStore store;
    private final NotificationOutbox outbox;
    private final Clock clock;

    public FollowUps(ActivityStore store, NotificationOutbox outbox, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What one sweep did: reminders found due, notifications written (a repeat writes none). */
    public record Sweep(int due, int notified) {

        public Map<String, Integer> counts() {
            return Map.of("due", due, "notified", notified);
        }
    }

    public Sweep sweep() {
        Instant now = clock.instant();
        int due = 0;
        int notified = 0;
        for (FollowUpReminder reminder : store.dueReminders(now, MAX_PER_RUN)) {
            due++;
            notified += remind(reminder, now) ? 1 : 0;
            store.clearReminder(reminder);
        }
        return new Sweep(due, notified);
    }

    private boolean remind(FollowUpReminder reminder, Instant now) {
        Map<String, String> data = new HashMap<>();
        data.put("activityId", reminder.activityId());
        data.put("dueAt", reminder.dueAt().toString());
        if (reminder.customerId() != null) {
            data.put("customerId", reminder.customerId());
        }
        return outbox.send(
                Notification.of(
                        reminder.cause(),
                        reminder.recipientId(),
                        NotificationKind.FOLLOW_UP_DUE,
                        "Follow-up due",
                        reminder.summary(),
                        data,
                        now));
    }
}

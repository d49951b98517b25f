package org.opencrm.core.leadwork;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadStatus;
import org.opencrm.core.lead.LeadStore;
import org.opencrm.core.lead.LeadStore.WriteOutcome;
import org.opencrm.core.metrics.BusinessEvent;
import org.opencrm.core.metrics.BusinessTally;
import org.opencrm.core.store.Pages;
import org.opencrm.core.store.WriteStamp;

/**
 * Pool-age reminders: a lead waiting in its region's pool reminds the region's team leads
 * when its stay reaches each configured wait ({@link PoolReminderSettings}), each once per stay.
 *
 * <p>The sweep reads, per reminder number, the sparse pool-age index up to "now minus that wait"
 * (never a scan), so it only reads stays that owe a reminder. Exactly once under repeated or
 * concurrent sweeps: the reminder's notifications have ids fixed by the lead, its stay and the
 * wait, so the outbox writes each once; the lead's reminder count then moves with a write
 * conditional on the version read, so one sweep of several wins it and the others find nothing left
 * to do. Notifications go first: a sweep that dies between the two sends the same ids again next
 * time, while the other order could lose a reminder.
 */
public final class PoolReminders {

    public static final String SYSTEM = "system:pool-reminders";
    private static final int PAGE = 100;
    private static final int MAX_PAGES = 50;

    private final LeadStore leads;
    private final LeadNotifications notifications;
    private final ConfigService config;
    private final Clock clock;

    public PoolReminders(
            LeadStore leads, LeadNotifications notifications, ConfigService config, Clock clock) {
        this.leads = leads;
        this.notifications = notifications;
        this.config = config;
        this.clock = clock;
    }

    /** One sweep: sends every reminder due now; returns how many stays it reminded. */
    public int sweep() {
        Instant now = clock.instant();
        PoolReminderSettings settings = config.current(PoolReminderSettings.DEFINITION);
        int reminded = 0;
        for (int sent = 0; sent < settings.count(); sent++) {
            Instant stayBeganBy = now.minus(settings.threshold(sent));
            int alreadySent = sent;
            reminded +=
                    (int)
                            Pages.all(
                                            PAGE,
                                            page ->
                                                    leads.pooledSince(
                                                            alreadySent, stayBeganBy, page))
                                    .limit((long) PAGE * MAX_PAGES)
                                    .filter(leadId -> remind(leadId, now, settings))
                                    .count();
        }
        return reminded;
    }

    /**
     * Sends the lead's reminder if its stay owes one; false when it does not (any more), or another
     * sweep recorded it first. A stay that owes several (the sweep did not run for a while) gets
     * the latest only: an outdated "30 min" next to "2 h" tells nobody anything.
     */
    boolean remind(String leadId, Instant now, PoolReminderSettings settings) {
        Optional<Lead> read = leads.find(leadId);
        if (read.isEmpty() || read.get().status() != LeadStatus.UNASSIGNED) {
            return false;
        }
        Lead lead = read.get();
        Instant pooledAt = lead.work().pooledAt();
        int sent = lead.work().poolReminders();
        int owed = pooledAt == null ? 0 : settings.reached(pooledAt, now);
        if (owed <= sent) {
            return false;
        }
        notifications.poolReminder(lead, pooledAt, settings.threshold(owed - 1), now);
        Lead reminded = lead.toBuilder().work(lead.work().reminded(owed)).build();
        WriteStamp stamp =
                new WriteStamp(SYSTEM, "pool-reminder:" + leadId + ":" + owed, null, now);
        if (leads.replace(lead, reminded, stamp) != WriteOutcome.WRITTEN) {
            return false;
        }
        BusinessTally.count(BusinessEvent.POOL_REMINDER_SENT);
        return true;
    }
}

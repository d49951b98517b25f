package org.opencrm.core.deal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.notify.NotificationOutbox;
import org.opencrm.core.store.Pages;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.user.ManagersOf;
import org.opencrm.core.user.UserService;

/**
 * The stale-deal sweep (R-17): every deal past its stage's stale-after days (or its snooze) is read
 * from the sparse stale-due index, never a scan, flagged with a write conditional on the stage
 * entry it was read in, and its owner's manager told once per stage entry ({@code DEAL_STALE}).
 *
 * <p>The manager is the owner's team lead (their manager if that is an active team lead, else the
 * active team leads of the deal's team); without one, the active region managers of the deal's
 * region; without one, the active admins, so the news is not lost.
 *
 * <p>The notification is written before the flag: its id comes from the deal and the time it
 * entered the stage, so a sweep that crashed between the two, or two overlapping sweeps, notify
 * once; flagging first could lose it, as a flagged deal leaves the index.
 */
public final class StaleDeals {

    public static final String SYSTEM = "system:stale-deals";
    private static final int PAGE = 100;
    private static final int MAX_PAGES = 50;

    private final DealStore store;
    private final NotificationOutbox outbox;
    private final ManagersOf managers;
    private final ConfigService config;
    private final Clock clock;

    public StaleDeals(
            DealStore store,
            NotificationOutbox outbox,
            UserService users,
            ConfigService config,
            Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.managers = new ManagersOf(users);
        this.config = config;
        this.clock = clock;
    }

    /** What one sweep did: deals flagged, notifications written (a repeat writes none). */
    public record Sweep(int flagged, int notified) {

        public Map<String, Integer> counts() {
            return Map.of("flagged", flagged, "notified", notified);
        }
    }

    /** One sweep over every deal due by now, page by page (at most 5,000 a run). */
    public Sweep sweep() {
        Instant now = clock.instant();
        Pipeline pipeline = config.current(Pipeline.DEFINITION);
        int flagged = 0;
        int notified = 0;
        List<String> dueIds =
                Pages.all(PAGE, page -> store.staleDue(now, page))
                        .limit((long) PAGE * MAX_PAGES)
                        .map(Deal::id)
                        .toList();
        for (String dealId : dueIds) {
            Flagging outcome = flag(dealId, pipeline, now);
            flagged += outcome.flagged() ? 1 : 0;
            notified += outcome.notified();
        }
        return new Sweep(flagged, notified);
    }

    private record Flagging(boolean flagged, int notified) {}

    /** Re-reads the deal (the index may lag) and flags it if it is still due. */
    private Flagging flag(String dealId, Pipeline pipeline, Instant now) {
        Optional<Deal> read = store.find(dealId);
        if (read.isEmpty() || !isDue(read.get(), pipeline, now)) {
            return new Flagging(false, 0);
        }
        Deal deal = read.get();
        int notified = notifyManagers(deal, now);
        WriteStamp stamp = new WriteStamp(SYSTEM, "stale:" + staleCause(deal), null, now);
        return new Flagging(store.flagStale(deal, pipeline, stamp), notified);
    }

    /** Due: not flagged yet, in a stage that goes stale, and past its due time (or snooze). */
    static boolean isDue(Deal deal, Pipeline pipeline, Instant now) {
        Instant staleAt = deal.staleAt(pipeline);
        return !deal.stale() && staleAt != null && !staleAt.isAfter(now);
    }

    /** One stage entry of one deal: the same for every sweep that finds it. */
    static String staleCause(Deal deal) {
        return deal.id() + "@" + deal.progress().stageEnteredAt();
    }

    private int notifyManagers(Deal deal, Instant now) {
        long days = Duration.between(deal.progress().stageEnteredAt(), now).toDays();
        String title = deal.title() == null ? "A deal" : deal.title();
        int written = 0;
        for (String recipient : managersOf(deal)) {
            Notification notification =
                    Notification.of(
                            staleCause(deal),
                            recipient,
                            NotificationKind.DEAL_STALE,
                            "Deal stale in " + deal.stage(),
                            title + " has been in " + deal.stage() + " for " + days + " days",
                            Map.of(
                                    "dealId", deal.id(),
                                    "stage", deal.stage().name(),
                                    "stageEnteredAt", deal.progress().stageEnteredAt().toString()),
                            now);
            written += outbox.send(notification) ? 1 : 0;
        }
        return written;
    }

    /** The team lead, else the region managers, else the admins (see the class comment). */
    List<String> managersOf(Deal deal) {
        return managers.of(deal.ownerId(), deal.region(), deal.team());
    }
}

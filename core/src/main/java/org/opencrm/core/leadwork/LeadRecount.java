package org.opencrm.core.leadwork;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.opencrm.core.lead.LeadFilter;
import org.opencrm.core.lead.LeadLifecycle;
import org.opencrm.core.lead.LeadStore;
import org.opencrm.core.metrics.BusinessEvent;
import org.opencrm.core.metrics.BusinessTally;
import org.opencrm.core.store.Pages;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserFilter;
import org.opencrm.core.user.UserService;

/**
 * The ledger's safety net (R-12): every user's open leads are counted from the owner index and
 * compared with their open-lead count ({@code LOAD#}, {@link RepLoads}); a difference is corrected
 * and reported to the admins. In normal operation it finds nothing: every write that changes a
 * lead's owner or open state moves the counts in its own transaction. What it fixes is drift from
 * outside that rule: counts from before the ledger existed, or a hand-made write.
 *
 * <p>The race between count and correction: a ledger transaction moves a lead and its counts
 * together, so the drift (open leads minus count) is the same before and after it; only reading the
 * two at different moments makes a false one. The count is read consistently, the leads from a
 * global secondary index that lags the table by (usually well under) a second. So a drift is only
 * believed when it holds still: after {@code settle} (longer than the index's lag) the count is
 * read again and the leads counted again, and the rep is corrected only when the count did not move
 * and both tallies agree; otherwise the rep is left to the next run. The correction itself is
 * conditional on the count still holding the value read, so a ledger transaction committed since
 * makes it fail instead of being overwritten.
 */
public final class LeadRecount {

    private static final int PAGE = 100;

    private final LeadStore leads;
    private final UserService users;
    private final RepLoads loads;
    private final LeadNotifications notifications;
    private final Clock clock;
    private final Duration settle;

    /**
     * @param settle how long a suspected drift must hold still before it is corrected: longer than
     *     the owner index's lag behind the table
     */
    public LeadRecount(
            LeadStore leads,
            UserService users,
            RepLoads loads,
            LeadNotifications notifications,
            Clock clock,
            Duration settle) {
        this.leads = leads;
        this.users = users;
        this.loads = loads;
        this.notifications = notifications;
        this.clock = clock;
        this.settle = settle;
    }

    /**
     * One run's figures.
     *
     * @param checked users whose count was compared
     * @param corrected counts found drifted, corrected and reported
     * @param unsettled counts that moved while being checked, left to the next run
     */
    public record Result(int checked, int corrected, int unsettled) {}

    /** One tally: the rep's count as the ledger holds it and their open leads as the index does. */
    private record Tally(long ledger, long counted) {

        boolean drifted() {
            return ledger != counted;
        }
    }

    /** One run over every user of the org (the org index, never a scan). */
    public Result run() {
        Instant now = clock.instant();
        List<User> everyone = users.everyone(UserFilter.none());
        // every count in batch reads of 100; a drift seen against them is checked again one by one
        Map<String, Long> ledgers = loads.of(everyone.stream().map(User::id).toList());
        int corrected = 0;
        int unsettled = 0;
        for (User user : everyone) {
            Tally first = new Tally(ledgers.get(user.id()), openLeadsOf(user.id()));
            if (!first.drifted()) {
                continue;
            }
            BusinessTally.count(BusinessEvent.LEAD_COUNT_DRIFT);
            if (correct(user.id(), first, now)) {
                corrected++;
            } else {
                unsettled++;
            }
        }
        return new Result(everyone.size(), corrected, unsettled);
    }

    /**
     * Corrects and reports a drift that holds still; false when it moved (next run's business). The
     * ledger is read before and after the count, each time consistently: equal readings around an
     * equal count mean no ledger change came in between.
     */
    private boolean correct(String repId, Tally first, Instant now) {
        pause();
        Tally second = tally(repId);
        long ledgerAfter = ledgerOf(repId);
        if (!second.equals(first)
                || ledgerAfter != first.ledger()
                || !loads.correct(repId, first.ledger(), first.counted())) {
            return false;
        }
        notifications.countDrift(
                "drift:" + repId + ":" + first.ledger() + "->" + first.counted() + "@" + now,
                repId,
                first.counted(),
                first.ledger(),
                now);
        return true;
    }

    private Tally tally(String repId) {
        return new Tally(ledgerOf(repId), openLeadsOf(repId));
    }

    private long ledgerOf(String repId) {
        return loads.of(List.of(repId)).get(repId);
    }

    private long openLeadsOf(String repId) {
        return Pages.all(PAGE, page -> leads.list(LeadFilter.ALL.withOwner(repId), page))
                .filter(lead -> LeadLifecycle.isOpen(lead.status()))
                .count();
    }

    private void pause() {
        if (settle.isZero()) {
            return;
        }
        try {
            Thread.sleep(settle.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("recount interrupted", interrupted);
        }
    }
}

package org.opencrm.core.breaker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.counter.CounterStore;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.notify.NotificationOutbox;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserLeads;
import org.opencrm.core.user.UserService;

/**
 * The sensitive-operation breaker: too many customers exported in a day, or the same
 * customer's level changed too often in a row, suspends the user, refuses the request and tells
 * every admin. Thresholds are run-time configuration ({@code breaker}).
 */
public final class SensitiveOperationBreaker {

    static final String ACTOR = "system:breaker";
    private static final Duration COUNTER_KEEP = Duration.ofDays(2);

    private final CounterStore counters;
    private final ConfigService config;
    private final UserService users;
    private final UserLeads leads;
    private final NotificationOutbox outbox;
    private final Clock clock;

    public SensitiveOperationBreaker(
            CounterStore counters,
            ConfigService config,
            UserService users,
            UserLeads leads,
            NotificationOutbox outbox,
            Clock clock) {
        this.counters = counters;
        this.config = config;
        this.users = users;
        this.leads = leads;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Guards one export: {@code collectAtMost} gathers up to the number of rows it is given (one
     * past the daily limit is enough to know the export must be refused); the rows are counted
     * against today's allowance and returned, or the breaker trips.
     */
    public <T> List<T> chargeExport(Caller caller, IntFunction<List<T>> collectAtMost) {
        int limit = config.current(BreakerSettings.DEFINITION).exportRowsPerDay();
        List<T> rows = collectAtMost.apply(limit + 1);
        if (!rows.isEmpty()) {
            charge(caller, rows.size(), limit);
        }
        return rows;
    }

    private void charge(Caller caller, int rows, int limit) {
        Instant now = clock.instant();
        String key = Keys.exportCounter(caller.userId(), LocalDate.ofInstant(now, ZoneOffset.UTC));
        if (counters.addWithin(key, rows, limit, now.plus(COUNTER_KEEP))) {
            return;
        }
        long exported = counters.total(key);
        throw trip(
                caller,
                "exportRowsPerDay",
                limit,
                "exporting "
                        + rows
                        + " more customers would bring today's export to "
                        + (exported + rows)
                        + " rows, over the limit of "
                        + limit);
    }

    /**
     * Counts one committed level change of one customer: call it only once the change is written,
     * so a write refused on its way (VERSION_CONFLICT, DUPLICATE, a lost race) is never counted.
     * The change that completes the run stays written, and trips: the user is suspended, the admins
     * told, and the request answers ACCOUNT_SUSPENDED saying the change was saved.
     *
     * <p>A crash between the write and this count loses that one count: the breaker errs towards
     * the user rather than suspending for a change that never happened.
     */
    public void countCommittedLevelChange(Caller caller, String customerId, long savedVersion) {
        BreakerSettings settings = config.current(BreakerSettings.DEFINITION);
        Instant now = clock.instant();
        Duration window = Duration.ofHours(settings.levelChangeWindowHours());
        String key = Keys.levelChangeCounter(caller.userId(), customerId);
        List<Instant> moments =
                counters.appendMoment(key, now, now.plus(window).plus(COUNTER_KEEP));
        long inWindow =
                moments.stream().filter(moment -> !moment.isBefore(now.minus(window))).count();
        if (inWindow < settings.levelChangesInRow()) {
            return;
        }
        AccountSuspendedException refused =
                trip(
                        caller,
                        "levelChangesInRow",
                        settings.levelChangesInRow(),
                        "customer "
                                + customerId
                                + "'s level was changed "
                                + inWindow
                                + " times within "
                                + settings.levelChangeWindowHours()
                                + " h (the limit is "
                                + settings.levelChangesInRow()
                                + "); this last change was saved as version "
                                + savedVersion);
        // only once the suspension is written: a failed trip must not forget the run
        counters.reset(key);
        throw refused;
    }

    /** Suspends the caller and tells every admin; returns the refusal to throw. */
    private AccountSuspendedException trip(Caller caller, String rule, long limit, String why) {
        Instant now = clock.instant();
        String reason = "sensitive-operation breaker: " + why;
        List<User> admins = users.activeWithRole(Role.ADMIN);
        // the last active admin is refused but not locked out: nobody would be left to reinstate
        // anyone
        boolean lastAdmin =
                caller.role() == Role.ADMIN
                        && admins.stream().allMatch(admin -> admin.id().equals(caller.userId()));
        if (!lastAdmin) {
            WriteStamp stamp = new WriteStamp(ACTOR, caller.requestId(), caller.sourceIp(), now);
            User suspended = users.suspendBySystem(caller.userId(), reason, stamp);
            // the suspended user's open leads go back through assignment in the same request
            leads.handOver(suspended, null, stamp);
        }
        for (User admin : admins) {
            outbox.send(
                    Notification.of(
                            caller.requestId(),
                            admin.id(),
                            NotificationKind.ACCOUNT_SUSPENDED,
                            "Account suspended: " + caller.userId(),
                            reason,
                            Map.of(
                                    "userId",
                                    caller.userId(),
                                    "rule",
                                    rule,
                                    "limit",
                                    Long.toString(limit),
                                    "requestId",
                                    caller.requestId()),
                            now));
        }
        return new AccountSuspendedException(
                lastAdmin
                        ? "refused: "
                                + why
                                + "; the account stays active as the last active admin, and the other admins were told"
                        : "refused and account "
                                + caller.userId()
                                + " suspended: "
                                + why
                                + "; an admin must reinstate it",
                rule,
                limit);
    }
}

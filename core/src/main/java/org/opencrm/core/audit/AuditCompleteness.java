package org.opencrm.core.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencrm.core.access.Role;
import org.opencrm.core.metrics.BusinessEvent;
import org.opencrm.core.metrics.BusinessTally;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.notify.NotificationOutbox;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserService;

/**
 * The safety net behind the audit stream (R-30): every change of a window must have its audit row.
 *
 * <p>The changes are enumerated from the audited tables' streams, not the tables: a stream holds
 * every version written in the last 24 hours (a table only the latest), and reading it is no Scan.
 * The audit table is keyed by the stream event id, so "exactly one row per version" is "a row for
 * each event": a second row for the same event cannot exist. Gaps are reported to the admins (one
 * notification per window and admin), counted as a metric and returned for the log line.
 */
public final class AuditCompleteness {

    /** The window checked by each run: two hours, ending a few minutes ago (stream lag). */
    public static final Duration WINDOW = Duration.ofHours(2);

    public static final Duration SETTLE = Duration.ofMinutes(10);

    private static final int GAPS_LISTED = 20;

    private final AuditStreams streams;
    private final AuditStore store;
    private final List<String> streamArns;
    private final NotificationOutbox outbox;
    private final UserService users;

    /**
     * @param streamArns the streams the audit function reads, as template.yaml maps them
     */
    public AuditCompleteness(
            AuditStreams streams,
            AuditStore store,
            List<String> streamArns,
            NotificationOutbox outbox,
            UserService users) {
        this.streams = streams;
        this.store = store;
        this.streamArns = List.copyOf(streamArns);
        this.outbox = outbox;
        this.users = users;
    }

    /** A change without its audit row. */
    public record Gap(String eventId, String entityType, String entityId, Long version) {}

    /** What one check found. */
    public record Report(Instant from, Instant to, int changes, List<Gap> gaps) {}

    /** The standard window for a run at {@code now}. */
    public Report checkWindowEndingAt(Instant now) {
        Instant to = now.minus(SETTLE);
        return check(to.minus(WINDOW), to);
    }

    /** Checks the changes created in {@code [from, to)} and reports gaps. */
    public Report check(Instant from, Instant to) {
        List<AuditEntry> expected =
                streamArns.stream()
                        .flatMap(streamArn -> streams.changedBetween(streamArn, from, to).stream())
                        .filter(AuditRules::isAudited)
                        // the same rules as the writer: the row's key is the entry's event id
                        .map(record -> AuditRules.entryFor(record, to))
                        .toList();
        Set<String> present = store.existing(expected.stream().map(AuditEntry::eventId).toList());
        List<Gap> gaps =
                expected.stream()
                        .filter(entry -> !present.contains(entry.eventId()))
                        .map(
                                entry ->
                                        new Gap(
                                                entry.eventId(),
                                                entry.entityType(),
                                                entry.entityId(),
                                                entry.version()))
                        .toList();
        Report report = new Report(from, to, expected.size(), gaps);
        if (!gaps.isEmpty()) {
            gaps.forEach(gap -> BusinessTally.count(BusinessEvent.AUDIT_GAP_FOUND));
            notifyAdmins(report);
        }
        return report;
    }

    private void notifyAdmins(Report report) {
        String listed =
                String.join(
                        ", ",
                        report.gaps().stream()
                                .limit(GAPS_LISTED)
                                .map(gap -> gap.entityId() + " v" + gap.version())
                                .toList());
        String body =
                report.gaps().size()
                        + " of "
                        + report.changes()
                        + " changes between "
                        + report.from()
                        + " and "
                        + report.to()
                        + " have no audit row: "
                        + listed;
        for (User admin : users.activeWithRole(Role.ADMIN)) {
            outbox.send(
                    Notification.of(
                            "audit-gaps#" + report.to(),
                            admin.id(),
                            NotificationKind.AUDIT_GAP,
                            "Audit trail has gaps",
                            body,
                            Map.of(
                                    "from", report.from().toString(),
                                    "to", report.to().toString(),
                                    "gaps", Integer.toString(report.gaps().size())),
                            report.to()));
        }
    }
}

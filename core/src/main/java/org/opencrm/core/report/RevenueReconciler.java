package org.opencrm.core.report;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.opencrm.core.access.Role;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.contract.Caliber;
import org.opencrm.core.contract.MoneyFact;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.notify.NotificationOutbox;
import org.opencrm.core.store.JsonText;
import org.opencrm.core.store.Keys;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserService;

/**
 * The nightly revenue reconciliation: each open month is recomputed from its facts (paged
 * byFactPeriod queries, every shard) and compared with the aggregates item by item, monthly and
 * daily; what differs is written as a report and FINANCE and ADMIN users are told ({@code
 * RECONCILIATION_DRIFT}) with the groups and the contracts behind them. From the 1st to the
 * configured day of a month it also writes the previous month's caliber-difference report, once,
 * and sends it to the finance team.
 */
public final class RevenueReconciler {

    private static final int SHOWN_DRIFTS = 10;

    private final Parts parts;

    /**
     * What the reconciliation reads and tells.
     *
     * @param chartLinks the link to a month's calibers chart for each recipient of the monthly
     *     message
     */
    public record Parts(
            RevenueStore store,
            FactRecount facts,
            ReportDefinitions definitions,
            ConfigService config,
            UserService users,
            NotificationOutbox outbox,
            MonthlyChartLinks chartLinks,
            Clock clock) {}

    public RevenueReconciler(Parts parts) {
        this.parts = parts;
    }

    /** What a nightly run did, for its log line. */
    public record Run(ReconciliationReport report, Optional<CaliberDifferenceReport> difference) {
        public Map<String, Integer> counts() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            counts.put("months", report.months().size());
            counts.put("factsChecked", (int) report.factsChecked());
            counts.put("groupsChecked", (int) report.groupsChecked());
            counts.put("drifts", report.drifts().size());
            counts.put("differenceReports", difference.isPresent() ? 1 : 0);
            return counts;
        }
    }

    /** The nightly schedule's run: the open months, then the monthly report when it is due. */
    public Run nightly() {
        ReconciliationSettings settings = parts.config().current(ReconciliationSettings.DEFINITION);
        LocalDate today = LocalDate.now(parts.clock().withZone(RevenuePeriod.BUSINESS_ZONE));
        YearMonth current = YearMonth.from(today);
        List<YearMonth> open = new ArrayList<>();
        for (int back = settings.openMonths() - 1; back >= 0; back--) {
            open.add(current.minusMonths(back));
        }
        ReconciliationReport report = reconcile(open);
        Optional<CaliberDifferenceReport> difference =
                today.getDayOfMonth() <= settings.differenceReportByDay()
                        ? differenceReport(current.minusMonths(1))
                        : Optional.empty();
        return new Run(report, difference);
    }

    /** Recomputes {@code months} from their facts, writes the report, tells of any drift. */
    public ReconciliationReport reconcile(List<YearMonth> months) {
        ReconciliationSettings settings = parts.config().current(ReconciliationSettings.DEFINITION);
        Instant now = parts.clock().instant();
        Instant settled = now.minus(Duration.ofMinutes(settings.pendingGraceMinutes()));
        List<ReconciliationReport.Drift> drifts = new ArrayList<>();
        long factsChecked = 0;
        long groupsChecked = 0;
        long pending = 0;
        for (YearMonth month : months) {
            for (Caliber caliber : Caliber.values()) {
                List<MoneyFact> facts = parts.facts().facts(month, caliber);
                List<MoneyFact> counted = withoutInFlight(facts, settled);
                factsChecked += facts.size();
                pending += facts.size() - counted.size();
                Recount recount = Recount.of(month, counted);
                groupsChecked += compare(caliber, recount, settings.topContracts(), drifts::add);
            }
        }
        ReconciliationReport report =
                new ReconciliationReport(
                        now.toString(),
                        months.stream().map(YearMonth::toString).toList(),
                        factsChecked,
                        groupsChecked,
                        pending,
                        drifts);
        parts.store()
                .putReport(Keys.RECONCILIATION_REPORTS, report.ranAt(), JsonText.write(report));
        if (report.hasDrift()) {
            tellOfDrift(report, now);
        }
        return report;
    }

    /** The newest reconciliation reports, newest first. */
    public List<ReconciliationReport> latest(int limit) {
        return parts.store().latestReports(Keys.RECONCILIATION_REPORTS, limit).stream()
                .map(json -> JsonText.read(json, ReconciliationReport.class))
                .toList();
    }

    /** The caliber-difference report of {@code month}, if it was written. */
    public Optional<CaliberDifferenceReport> differenceReportOf(YearMonth month) {
        return parts.store()
                .report(Keys.CALIBER_DIFFERENCE_REPORTS, month.toString())
                .map(json -> JsonText.read(json, CaliberDifferenceReport.class));
    }

    /**
     * Writes {@code month}'s caliber-difference report and sends it to the finance team, unless it
     * was written before: empty then.
     */
    public Optional<CaliberDifferenceReport> differenceReport(YearMonth month) {
        if (differenceReportOf(month).isPresent()) {
            return Optional.empty();
        }
        ReconciliationSettings settings = parts.config().current(ReconciliationSettings.DEFINITION);
        var definition = parts.definitions().revenue(null);
        Map<Caliber, List<MoneyFact>> facts = new LinkedHashMap<>();
        for (Caliber caliber : Caliber.values()) {
            facts.put(caliber, parts.facts().facts(month, caliber));
        }
        CaliberDifferenceReport report =
                CaliberDifferences.of(month, definition, facts, settings.topContracts());
        boolean written =
                parts.store()
                        .putReportOnce(
                                Keys.CALIBER_DIFFERENCE_REPORTS,
                                month.toString(),
                                JsonText.write(report));
        if (!written) {
            return Optional.empty(); // another run wrote it first, and sent it
        }
        sendToFinance(report);
        return Optional.of(report);
    }

    /** Facts recorded before {@code settled}, and recent ones the aggregator has added already. */
    private List<MoneyFact> withoutInFlight(List<MoneyFact> facts, Instant settled) {
        List<String> recent =
                facts.stream()
                        .filter(f -> f.recordedAt() != null && f.recordedAt().isAfter(settled))
                        .map(MoneyFact::factId)
                        .toList();
        if (recent.isEmpty()) {
            return facts;
        }
        Set<String> inFlight = new HashSet<>(recent);
        parts.store().applied(recent).forEach(inFlight::remove);
        return facts.stream().filter(f -> !inFlight.contains(f.factId())).toList();
    }

    /** Adds a drift per differing item, monthly and daily; returns how many items it compared. */
    private int compare(
            Caliber caliber,
            Recount recount,
            int topContracts,
            java.util.function.Consumer<ReconciliationReport.Drift> drift) {
        YearMonth month = recount.month();
        Map<RevenueGroup, Totals> monthly = parts.store().month(caliber, month);
        Map<DayGroup, Totals> daily =
                parts.store().days(caliber, month.atDay(1), month.atEndOfMonth());
        Set<RevenueGroup> groups = new HashSet<>(monthly.keySet());
        groups.addAll(recount.monthly().keySet());
        Set<DayGroup> days = new HashSet<>(daily.keySet());
        days.addAll(recount.daily().keySet());
        Map<String, ReconciliationReport.Drift> found = new TreeMap<>();
        for (RevenueGroup group : groups) {
            Totals expected = recount.monthly().getOrDefault(group, Totals.ZERO);
            Totals actual = monthly.getOrDefault(group, Totals.ZERO);
            if (!expected.equals(actual)) {
                found.put(
                        group.sortKey(),
                        drift(caliber, recount, null, group, expected, actual, topContracts));
            }
        }
        for (DayGroup day : days) {
            Totals expected = recount.daily().getOrDefault(day, Totals.ZERO);
            Totals actual = daily.getOrDefault(day, Totals.ZERO);
            if (!expected.equals(actual)) {
                found.put(
                        Keys.revenueDayGroup(day.date(), day.group().sortKey()),
                        drift(
                                caliber,
                                recount,
                                day.date(),
                                day.group(),
                                expected,
                                actual,
                                topContracts));
            }
        }
        found.values().forEach(drift);
        return groups.size() + days.size();
    }

    private static ReconciliationReport.Drift drift(
            Caliber caliber,
            Recount recount,
            LocalDate date,
            RevenueGroup group,
            Totals expected,
            Totals actual,
            int topContracts) {
        List<String> contracts =
                recount.contracts().getOrDefault(group, Set.of()).stream()
                        .limit(topContracts)
                        .toList();
        return new ReconciliationReport.Drift(
                caliber.name(),
                recount.month().toString(),
                date == null ? null : date.toString(),
                group,
                expected,
                actual,
                contracts);
    }

    private void tellOfDrift(ReconciliationReport report, Instant now) {
        List<String> lines =
                report.drifts().stream()
                        .limit(SHOWN_DRIFTS)
                        .map(ReconciliationReport.Drift::describe)
                        .toList();
        String more =
                report.drifts().size() > SHOWN_DRIFTS
                        ? "\n… and " + (report.drifts().size() - SHOWN_DRIFTS) + " more"
                        : "";
        Set<String> contracts = new java.util.TreeSet<>();
        report.drifts().forEach(d -> contracts.addAll(d.contractIds()));
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("reportRanAt", report.ranAt());
        payload.put("drifts", Integer.toString(report.drifts().size()));
        payload.put("months", String.join(",", report.months()));
        payload.put("contractIds", String.join(",", contracts));
        Set<String> told = new HashSet<>();
        for (Role role : List.of(Role.FINANCE, Role.ADMIN)) {
            for (User user : parts.users().activeWithRole(role)) {
                if (told.add(user.id())) {
                    parts.outbox()
                            .send(
                                    Notification.of(
                                            "reconciliation:" + report.ranAt(),
                                            user.id(),
                                            NotificationKind.RECONCILIATION_DRIFT,
                                            "Revenue aggregates drifted: "
                                                    + report.drifts().size()
                                                    + " groups",
                                            String.join("\n", lines) + more,
                                            payload,
                                            now));
                }
            }
        }
    }

    /**
     * One message per finance team, addressed to its first member: the dispatcher sends it to the
     * team's robot ({@code team:<team>} in the notifications configuration), once per team.
     */
    private void sendToFinance(CaliberDifferenceReport report) {
        Map<String, User> firstOfTeam = new TreeMap<>();
        parts.users().activeWithRole(Role.FINANCE).stream()
                .sorted(Comparator.comparing(User::id))
                .forEach(
                        user ->
                                firstOfTeam.putIfAbsent(
                                        user.team() == null ? "user:" + user.id() : user.team(),
                                        user));
        Map<String, String> common = new LinkedHashMap<>();
        common.put("month", report.month());
        common.put("definitionVersion", Long.toString(report.definitionVersion()));
        Instant now = parts.clock().instant();
        YearMonth month = YearMonth.parse(report.month());
        for (User recipient : firstOfTeam.values()) {
            // a signed link drawn as the recipient: a team robot's readers see what they may see
            Optional<URI> chart = parts.chartLinks().link(month, recipient.id());
            Map<String, String> payload = new LinkedHashMap<>(common);
            payload.put("chartLink", chart.map(URI::toString).orElse(""));
            parts.outbox()
                    .send(
                            Notification.of(
                                    "caliber-difference:" + report.month(),
                                    recipient.id(),
                                    NotificationKind.CALIBER_DIFFERENCE_REPORT,
                                    "Revenue calibers " + report.month(),
                                    CaliberDifferences.message(report, chart),
                                    payload,
                                    now));
        }
    }
}

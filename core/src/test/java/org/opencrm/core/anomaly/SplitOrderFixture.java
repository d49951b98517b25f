package org.opencrm.core.anomaly;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.contract.MoneyFact;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.StreamReader;
import org.opencrm.core.testing.TestFacts;
import org.opencrm.core.testing.TestOrg;
import org.opencrm.core.time.AppClock;

/**
 * Real services over the embedded DynamoDB Local: a region of its own with its manager, a finance
 * user, and signings written straight into the contracts table and fed to the split-order watch
 * from the table's real stream.
 */
final class SplitOrderFixture {

    static final LocalDate MONDAY = LocalDate.of(2026, 11, 2);

    final LocalDynamo dynamo = LocalDynamo.shared();
    final AppClock clock = new AppClock(Clock.systemUTC());
    final CoreServices services = dynamo.services(clock);
    final StreamReader streams = new StreamReader(dynamo.streams());
    final String region = "r" + UUID.randomUUID().toString().substring(0, 8);
    final String team = TestOrg.uniqueTeam();
    final Caller manager = TestOrg.member(services, Role.REGION_MANAGER, region, null);
    final Caller finance = TestOrg.member(services, Role.FINANCE, null, null);
    final Caller rep = TestOrg.member(services, Role.SALES_REP, region, team);

    static String newId() {
        return UUID.randomUUID().toString();
    }

    /**
     * A signing of a new contract of the customer, by the fixture's rep, {@code day} after MONDAY.
     */
    MoneyFact signing(String customerId, int day, long yuan) {
        return TestFacts.signing(newId(), MONDAY.plusDays(day), yuan * 100)
                .customerId(customerId)
                .ownerId(rep.userId())
                .team(team)
                .region(region)
                .build();
    }

    /** Writes the facts (once each, as the contracts code does). */
    void write(MoneyFact... facts) {
        for (MoneyFact fact : facts) {
            TestFacts.write(dynamo.enhanced(), dynamo.tables(), fact);
        }
    }

    /** Feeds the facts' stream records to the watch, as SplitOrderFunction would get them. */
    void deliver(MoneyFact... facts) {
        TestFacts.records(streams, dynamo.tables(), facts)
                .forEach(services.splitOrders()::onRecord);
    }

    /** The region's anomalies, as its manager lists them. */
    List<Anomaly> anomalies() {
        return services
                .anomalies()
                .list(AnomalyKind.SPLIT_ORDER, PageRequest.of(100, null), manager)
                .entries()
                .stream()
                .map(entry -> entry.item())
                .toList();
    }

    long splitOrderNotices(Caller recipient) {
        return services
                .outbox()
                .inbox(recipient.userId(), false, PageRequest.of(100, null))
                .entries()
                .stream()
                .filter(entry -> entry.item().kind() == NotificationKind.SPLIT_ORDER)
                .count();
    }
}

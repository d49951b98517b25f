package org.opencrm.core.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.ForbiddenException;
import org.opencrm.core.access.Role;
import org.opencrm.core.activity.ActivityInput;
import org.opencrm.core.activity.ActivityKind;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerExport;
import org.opencrm.core.customer.CustomerFilter;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.customer.CustomerLevel;
import org.opencrm.core.customer.CustomerStore;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.StreamReader;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.testing.TestOrg;
import org.opencrm.core.time.AppClock;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Stored health on DynamoDB Local: the reactor fed from the tables' real streams (and fed again),
 * the observation pool, the export leaving the pool out, dataHealth's sums moving with a customer,
 * and the nightly pass archiving a poor quiet customer.
 */
class HealthReactorTest {

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final AppClock clock = new AppClock(Clock.systemUTC());
    private final CoreServices services = dynamo.services(clock);
    private final StreamReader streams = new StreamReader(dynamo.streams());
    private final HealthStore store =
            new HealthStore(dynamo.client(), dynamo.enhanced(), dynamo.tables());
    private final String region = "r-" + UUID.randomUUID().toString().substring(0, 8);
    private final String team = TestOrg.uniqueTeam();
    private final Caller rep = TestOrg.member(services, Role.SALES_REP, region, team);
    private final Caller otherRep = TestOrg.member(services, Role.SALES_REP, region, team);
    private final Caller lead = TestOrg.member(services, Role.TEAM_LEAD, region, team);
    private final Caller manager = TestOrg.member(services, Role.REGION_MANAGER, region, null);

    /** A name and a free-mail address (the region is the rep's, as creation fills it in): 17. */
    private Customer poor(Caller owner) {
        return services.customers()
                .create(
                        CustomerInput.builder()
                                .name("张三 " + UUID.randomUUID().toString().substring(0, 6))
                                .email(UUID.randomUUID().toString().substring(0, 8) + "@qq.com")
                                .build(),
                        owner);
    }

    /** Complete but for an external id, credible but for one: 34 + 22, and two activities: 10. */
    private Customer good(Caller owner) {
        Customer customer =
                services.customers()
                        .create(
                                CustomerInput.builder()
                                        .name("华为 " + UUID.randomUUID().toString().substring(0, 6))
                                        .phone(TestCallers.uniqueMobile())
                                        .email(
                                                UUID.randomUUID().toString().substring(0, 8)
                                                        + "@huawei.com")
                                        .wechatId(
                                                "wx-"
                                                        + UUID.randomUUID()
                                                                .toString()
                                                                .substring(0, 8))
                                        .region(region)
                                        .level(CustomerLevel.A)
                                        .build(),
                                owner);
        for (int i = 0; i < 2; i++) {
            String activityId =
                    services.activities()
                            .service()
                            .log(
                                    ActivityInput.builder()
                                            .customerId(customer.id())
                                            .kind(ActivityKind.CALL)
                                            .body("回访")
                                            .build(),
                                    owner)
                            .id();
            deliver(dynamo.tables().activities(), activityId);
        }
        return customer;
    }

    /** Feeds the item's stream records to the reactor, as HealthFunction gets them. */
    private void deliver(String table, String id) {
        List<Record> records = streams.recordsFor(table, id);
        assertFalse(records.isEmpty(), "no stream record for " + id);
        records.forEach(services.health().reactor()::onRecord);
    }

    private void deliverCustomer(Customer customer) {
        deliver(dynamo.tables().customers(), customer.id());
    }

    private List<String> poolOf(Caller caller) {
        return services
                .health()
                .service()
                .observationPool(PageRequest.of(100, null), caller)
                .entries()
                .stream()
                .map(entry -> entry.item().customerId())
                .toList();
    }

    private HealthGroup group(List<HealthGroup> groups, String name) {
        return groups.stream().filter(g -> g.group().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aPoorCustomer_isScoredFromItsStreamRecord_joinsThePool_andIsLeftOutOfTheExport() {
        // GIVEN a customer with only a name and a free-mail address, and a good one
        Customer poor = poor(rep);
        Customer good = good(rep);

        // WHEN their stream records reach the reactor
        deliverCustomer(poor);
        deliverCustomer(good);

        // THEN the poor one scores below 60 with each component explained, the good one above
        StoredHealth poorHealth = store.find(poor.id()).orElseThrow();
        assertTrue(poorHealth.score() < 60, "score " + poorHealth.score());
        assertEquals(
                List.of("completeness", "activity", "credibility"),
                poorHealth.components().stream().map(HealthComponent::name).toList());
        assertTrue(
                poorHealth.components().get(2).explanation().contains("free-mail email (qq.com)"));
        assertEquals(66, store.find(good.id()).orElseThrow().score());
        // AND only the poor one is in the pool, for its owner, its team lead and region manager
        assertEquals(List.of(poor.id()), poolOf(rep));
        assertEquals(List.of(poor.id()), poolOf(lead));
        assertEquals(List.of(poor.id()), poolOf(manager));
        assertEquals(List.of(), poolOf(otherRep));
        // AND the owner's export leaves it out, saying how many and why
        CustomerExport.Csv csv =
                services.export().export(CustomerFilter.none().withOwner(rep.userId()), rep);
        assertEquals(1, csv.rowCount());
        assertEquals(1, csv.leftOut());
        assertTrue(csv.leftOutReason().contains("observation pool"), csv.leftOutReason());
        assertTrue(csv.csv().contains(good.id()));
        assertFalse(csv.csv().contains(poor.id()));
    }

    @Test
    void aRedeliveredRecord_writesNothing_andCountsTheCustomerOnce() {
        Customer poor = poor(rep);
        deliverCustomer(poor);
        StoredHealth first = store.find(poor.id()).orElseThrow();

        // WHEN the same records arrive twice more
        deliverCustomer(poor);
        deliverCustomer(poor);

        // THEN the score was not written again, and the owner's group counts it once
        assertEquals(first, store.find(poor.id()).orElseThrow());
        HealthGroup owner =
                group(
                        services.health().service().dataHealth(HealthGroupBy.OWNER, lead),
                        rep.userId());
        assertEquals(1, owner.customers());
        assertEquals(first.score(), owner.averageScore());
    }

    @Test
    void dataHealth_movesACustomerBetweenGroups_byItsPreviousScore() {
        // GIVEN a poor and a good customer of the rep, scored
        Customer poor = poor(rep);
        Customer good = good(rep);
        deliverCustomer(poor);
        deliverCustomer(good);
        List<HealthGroup> before =
                services.health().service().dataHealth(HealthGroupBy.OWNER, lead);
        HealthGroup repBefore = group(before, rep.userId());
        assertEquals(2, repBefore.customers());
        assertEquals((17 + 66) / 2.0, repBefore.averageScore());
        assertEquals(
                List.of(new HealthEntry(poor.id(), 17), new HealthEntry(good.id(), 66)),
                repBefore.weakest());

        // WHEN the team lead gives the poor one to another rep and fills in its phone
        Customer moved =
                services.customers()
                        .update(
                                poor.id(),
                                poor.version(),
                                CustomerInput.builder()
                                        .name(poor.fields().name())
                                        .email(poor.fields().email())
                                        .phone(TestCallers.uniqueMobile())
                                        .ownerId(otherRep.userId())
                                        .build(),
                                lead);
        deliverCustomer(moved);

        // THEN each owner's group holds its own customer at its current score
        List<HealthGroup> after = services.health().service().dataHealth(HealthGroupBy.OWNER, lead);
        int movedScore = store.find(poor.id()).orElseThrow().score();
        assertEquals(22 + 10, movedScore);
        assertEquals(1, group(after, rep.userId()).customers());
        assertEquals(66.0, group(after, rep.userId()).averageScore());
        assertEquals(1, group(after, otherRep.userId()).customers());
        assertEquals(movedScore, group(after, otherRep.userId()).averageScore());
        // AND the team's group counts both once, whoever owns them
        HealthGroup teamGroup =
                group(services.health().service().dataHealth(HealthGroupBy.TEAM, manager), team);
        assertEquals(2, teamGroup.customers());
        assertEquals((movedScore + 66) / 2.0, teamGroup.averageScore());
        // AND the pool follows the owner
        assertEquals(List.of(), poolOf(rep));
        assertEquals(List.of(poor.id()), poolOf(otherRep));
    }

    @Test
    void dataHealth_isAManagersQuestion() {
        ForbiddenException refused =
                assertThrows(
                        ForbiddenException.class,
                        () -> services.health().service().dataHealth(HealthGroupBy.OWNER, rep));
        assertTrue(refused.getMessage().contains("dataHealth"), refused.getMessage());
    }

    private HealthNightly nightlyOf(Caller owner, int pageSize) {
        return new HealthNightly(
                new HealthNightly.Parts(
                        new CustomerStore(dynamo.enhanced(), dynamo.tables()),
                        services.customers(),
                        services.health().keeper(),
                        store,
                        services.outbox(),
                        services.config(),
                        clock),
                pageSize,
                CustomerFilter.none().withOwner(owner.userId()),
                "HEALTH_PASS#" + owner.userId());
    }

    private List<Notification> archivedNotices(Caller owner) {
        return services
                .outbox()
                .inbox(owner.userId(), false, PageRequest.of(100, null))
                .entries()
                .stream()
                .map(entry -> entry.item())
                .filter(n -> n.kind() == NotificationKind.CUSTOMER_ARCHIVED)
                .toList();
    }

    @Test
    void theNightlyPass_archivesAPoorQuietCustomer_tellsTheOwnerOnce_andRestoringUndoesIt() {
        // GIVEN a poor and a good customer, nothing done with the poor one for 91 days
        Customer poor = poor(rep);
        Customer good = good(rep);
        deliverCustomer(poor);
        clock.advance(Duration.ofDays(91));

        // WHEN the nightly pass runs
        HealthNightly.Progress progress = nightlyOf(rep, 100).run(() -> true);

        // THEN the poor one is archived through the customer write, with its reason
        assertEquals(2, progress.customers());
        assertEquals(1, progress.archived());
        assertTrue(progress.done());
        Customer archived = services.customers().get(poor.id(), rep);
        assertTrue(archived.archived());
        assertTrue(
                archived.archiveReason().startsWith("health 17/100, below 30"),
                archived.archiveReason());
        assertFalse(services.customers().get(good.id(), rep).archived());
        // AND the owner is told once, naming the customer
        List<Notification> notices = archivedNotices(rep);
        assertEquals(1, notices.size());
        assertEquals(poor.id(), notices.get(0).payload().get("customerId"));
        // AND the archived customer leaves the pool and its owner's average once its record arrives
        deliverCustomer(archived);
        assertEquals(List.of(), poolOf(rep));
        HealthGroup owner =
                group(
                        services.health().service().dataHealth(HealthGroupBy.OWNER, lead),
                        rep.userId());
        assertEquals(1, owner.customers());

        // WHEN the pass runs again, then the team lead restores the customer
        assertEquals(0, nightlyOf(rep, 100).run(() -> true).archived());
        Customer restored = services.customers().restore(poor.id(), archived.version(), lead);
        deliverCustomer(restored);

        // THEN nobody is told twice, and the restored customer is back in the pool
        assertEquals(1, archivedNotices(rep).size());
        assertEquals(List.of(poor.id()), poolOf(rep));
    }

    @Test
    void theNightlyPass_stopsWhenItsTimeIsUp_andTheNextRunContinues() {
        Customer first = poor(rep);
        Customer second = poor(rep);
        HealthNightly nightly = nightlyOf(rep, 1);

        // WHEN a run has time for one page only
        HealthNightly.Progress run1 = nightly.run(() -> false);
        HealthNightly.Progress run2 = nightly.run(() -> false);

        // THEN it scores one customer and the next run the other, and says it is done
        assertEquals(1, run1.customers());
        assertFalse(run1.done());
        assertEquals(1, run2.customers());
        assertTrue(run2.done());
        assertTrue(store.find(first.id()).isPresent());
        assertTrue(store.find(second.id()).isPresent());
        assertEquals(Map.of("customers", 1, "rescored", 1, "archived", 0), run2.counts());
    }
}

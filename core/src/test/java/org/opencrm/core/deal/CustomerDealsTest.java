package org.opencrm.core.deal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.contract.Contract;
import org.opencrm.core.contract.ContractInput;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerBulkLoader;
import org.opencrm.core.customer.CustomerFields;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.customer.CustomerStage;
import org.opencrm.core.customer.CustomerStore;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.StreamReader;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.testing.TestOrg;
import org.opencrm.core.time.AppClock;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Customers and their deals on the embedded DynamoDB Local engine: the stage reactor and the
 * ownership reactor fed the tables' real stream records (as the stream functions get them), and the
 * migration over the real byStage index.
 */
class CustomerDealsTest {

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final AppClock clock = new AppClock(Clock.systemUTC());
    private final CoreServices services = dynamo.services(clock);
    private final DealStore store = new DealStore(dynamo.enhanced(), dynamo.tables());
    private final CustomerStore customerStore =
            new CustomerStore(dynamo.enhanced(), dynamo.tables());
    // every deal has its legal opinion filed: what is under test is the customer, not evidence
    private final DealService deals =
            new DealService(
                    store,
                    services.customers(),
                    services.policy(),
                    services.config(),
                    ids -> Set.of("LEGAL_OPINION"),
                    clock);
    private final CustomerDeals customerDeals = services.customerDeals();
    private final StreamReader streams = new StreamReader(dynamo.streams());
    private final String region = "r" + UUID.randomUUID().toString().substring(0, 8);
    private final Caller rep = TestOrg.member(services, Role.SALES_REP, region, "team-a");

    private Customer newCustomer(Caller owner) {
        return services.customers()
                .create(CustomerInputs.named("Buyer " + UUID.randomUUID(), region), owner);
    }

    private Deal newDeal(Customer customer) {
        return deals.create(
                DealInput.builder()
                        .customerId(customer.id())
                        .title("Rollout")
                        .amount(1_000_000L)
                        .grossMarginPercent(40)
                        .build(),
                rep);
    }

    private Deal move(Deal deal, DealStage to) {
        clock.advance(Duration.ofMinutes(5));
        String reason = to == DealStage.LOST ? "PRICE" : null;
        return deals.move(deal.id(), deal.version(), to, reason, null, rep);
    }

    /** Walks forward one stage at a time, in the pipeline's order, up to {@code to}. */
    private Deal walkTo(Deal deal, DealStage to) {
        Pipeline pipeline = Pipeline.defaults();
        Deal current = deal;
        for (PipelineStage next : pipeline.stages()) {
            int at = pipeline.indexOf(next.id());
            if (at > pipeline.indexOf(current.stage()) && at <= pipeline.indexOf(to)) {
                current = move(current, next.id());
            }
        }
        return current;
    }

    /** The deals stream as the stage function would get it, every record of these deals. */
    private void deliverDealRecords(Deal... changed) {
        for (Deal deal : changed) {
            streams.recordsFor(dynamo.tables().deals(), deal.id())
                    .forEach(customerDeals.stages()::onRecord);
        }
    }

    private List<Record> customerRecords(String customerId) {
        return streams.recordsFor(dynamo.tables().customers(), customerId);
    }

    private CustomerStage stageOf(Customer customer) {
        return customerStore.find(customer.id()).orElseThrow().fields().stage();
    }

    @Test
    void customerStage_followsItsMostAdvancedOpenDeal_thenLost_onlyWhenEveryDealIsLost() {
        // GIVEN a customer with two deals, one walked to DEMO
        Customer customer = newCustomer(rep);
        Deal first = walkTo(newDeal(customer), DealStage.DEMO);
        Deal second = newDeal(customer);

        // WHEN the deals stream is delivered
        deliverDealRecords(first, second);

        // THEN the customer stands at DEMO
        assertEquals(CustomerStage.DEMO, stageOf(customer));

        // WHEN the DEMO deal is lost, then the other one too
        first = move(first, DealStage.LOST);
        deliverDealRecords(first);
        CustomerStage withOneOpen = stageOf(customer);
        second = move(second, DealStage.LOST);
        deliverDealRecords(second);

        // THEN the customer is back at NEW while one deal is open, LOST once none is
        assertEquals(CustomerStage.NEW, withOneOpen);
        assertEquals(CustomerStage.LOST, stageOf(customer));
    }

    @Test
    void
            winningADeal_signsTheCustomer_andItsContractsSigningIsPushedOnce_evenWhenRecordsComeTwice() {
        // GIVEN a customer whose deal is won
        Customer customer = newCustomer(rep);
        Deal won = walkTo(newDeal(customer), DealStage.SIGNED);
        assertEquals(DealStage.SIGNED, won.stage());

        // WHEN the deals stream is delivered twice, then the customers stream twice
        deliverDealRecords(won);
        deliverDealRecords(won);
        for (int delivery = 0; delivery < 2; delivery++) {
            customerRecords(customer.id()).forEach(services.financeSync()::onRecord);
        }

        // THEN the customer is SIGNED, written once, and nothing is pushed yet (R-10: finance is
        // told of the contract, with its real number, not of the customer's stage)
        Customer signed = customerStore.find(customer.id()).orElseThrow();
        assertEquals(CustomerStage.SIGNED, signed.fields().stage());
        assertEquals(2, signed.version(), "created, then signed once");
        assertEquals(0, financePushes(customer).size());

        // WHEN the won deal's paper contract is recorded as signed, its records delivered twice
        Contract contract =
                services.contracts()
                        .create(
                                ContractInput.builder()
                                        .number("HT-" + UUID.randomUUID())
                                        .customerId(customer.id())
                                        .dealId(won.id())
                                        .amount(1_000_000L)
                                        .taxRate("0.13")
                                        .signedAt(clock.instant())
                                        .build(),
                                rep);
        for (int delivery = 0; delivery < 2; delivery++) {
            streams.recordsFor(dynamo.tables().contracts(), contract.id())
                    .forEach(services.financeSync()::onRecord);
        }

        // THEN exactly one push waits for finance, with the contract's number
        List<Notification> pushes = financePushes(customer);
        assertEquals(1, pushes.size());
        assertEquals(contract.number(), pushes.get(0).payload().get("contractNumber"));
    }

    private List<Notification> financePushes(Customer customer) {
        return services
                .outbox()
                .inbox("finance:" + customer.id(), false, PageRequest.of(10, null))
                .entries()
                .stream()
                .map(entry -> entry.item())
                .toList();
    }

    @Test
    void handingOverACustomer_movesItsOpenDeals_andTheirFunnelRows_butNotTheClosedOnes() {
        // GIVEN a rep's customer with an open deal and a lost one, and a successor in another team
        Caller admin = TestOrg.member(services, Role.ADMIN, null, null);
        Caller successor = TestOrg.member(services, Role.SALES_REP, region, "team-b");
        Customer customer = newCustomer(rep);
        Deal open = walkTo(newDeal(customer), DealStage.CONTACTED);
        Deal lost = move(newDeal(customer), DealStage.LOST);

        // WHEN the rep is offboarded to the successor and the customers stream is delivered twice
        services.orgChanges().offboard(rep.userId(), successor.userId(), admin);
        for (int delivery = 0; delivery < 2; delivery++) {
            customerRecords(customer.id()).forEach(customerDeals.ownership()::onRecord);
        }

        // THEN the open deal is the successor's, in their team, written once; the lost one stays
        Deal followed = store.find(open.id()).orElseThrow();
        assertEquals(successor.userId(), followed.ownerId());
        assertEquals("team-b", followed.team());
        assertEquals(open.version() + 1, followed.version());
        assertEquals(rep.userId(), store.find(lost.id()).orElseThrow().ownerId());
        // and the funnel counts the open deal's stages for its new owner
        List<StageEntry> successorsEntries =
                store.stageEntries(
                        DealStage.CONTACTED,
                        Instant.EPOCH,
                        clock.instant().plusSeconds(60),
                        null,
                        successor.userId(),
                        10);
        assertEquals(1, successorsEntries.size());
        assertEquals(open.id(), successorsEntries.get(0).dealId());
        assertEquals(
                1,
                deals.list(
                                DealFilter.of(null, successor.userId(), null, null),
                                PageRequest.of(10, null),
                                successor)
                        .entries()
                        .size());
    }

    @Test
    void migration_givesCustomersPastNewOneDealAtTheirStage_onceOnly_andTheirStageReadsTheSame() {
        // GIVEN customers set by hand to DEMO and SIGNED before deals existed
        Customer demo = legacyCustomer(CustomerStage.DEMO, new BigDecimal("88000.50"));
        Customer signed = legacyCustomer(CustomerStage.SIGNED, null);

        // WHEN the migration runs, and runs again
        customerDeals.migration().run();
        customerDeals.migration().run();

        // THEN each has exactly one deal, at its stage, arrived by migration
        List<Deal> demoDeals = store.ofCustomer(demo.id());
        assertEquals(1, demoDeals.size());
        Deal migrated = demoDeals.get(0);
        assertEquals(Keys.migratedDeal(demo.id()), migrated.id());
        assertEquals(DealStage.DEMO, migrated.stage());
        assertEquals(demo.fields().name() + " (migrated)", migrated.title());
        assertEquals(8_800_050L, migrated.amountFen());
        assertEquals(1, migrated.version(), "the rerun wrote nothing");
        StageChange arrival = store.history(migrated.id()).get(0);
        assertEquals(StageChange.AUTOMATIC, arrival.source());
        assertEquals("migration", arrival.reason());
        assertEquals(DealStage.DEMO, arrival.to());
        List<Deal> signedDeals = store.ofCustomer(signed.id());
        assertEquals(1, signedDeals.size());
        assertEquals(DealStage.SIGNED, signedDeals.get(0).stage());

        // AND WHEN the deals stream reaches the stage reactor, the stages read as before, unwritten
        deliverDealRecords(migrated, signedDeals.get(0));
        assertEquals(CustomerStage.DEMO, stageOf(demo));
        assertEquals(CustomerStage.SIGNED, stageOf(signed));
        assertEquals(1, customerStore.find(demo.id()).orElseThrow().version());
    }

    /** A customer as written before issue 14: its stage set by hand, no deals. */
    private Customer legacyCustomer(CustomerStage stage, BigDecimal expectedDealAmount) {
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Customer customer =
                Customer.builder()
                        .id(id)
                        .version(0)
                        .fields(
                                CustomerFields.builder()
                                        .name("Legacy " + id.substring(0, 8))
                                        .phone(TestCallers.uniqueMobile())
                                        .stage(stage)
                                        .region(region)
                                        .expectedDealAmount(expectedDealAmount)
                                        .build())
                        .ownerId(rep.userId())
                        .team("team-a")
                        .createdAt(now)
                        .updatedAt(now)
                        .build();
        new CustomerBulkLoader(dynamo.client(), dynamo.tables())
                .load(List.of(customer), new WriteStamp("test", "seed", "127.0.0.1", now));
        return customer;
    }

    /** Inputs of new customers: no stage, which is derived. */
    private static final class CustomerInputs {
        static CustomerInput named(String name, String region) {
            return CustomerInput.builder()
                    .name(name)
                    .phone(TestCallers.uniqueMobile())
                    .region(region)
                    .build();
        }
    }
}

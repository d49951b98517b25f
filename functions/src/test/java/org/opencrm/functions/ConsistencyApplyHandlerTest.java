package org.opencrm.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.consistency.ApplyResult;
import org.opencrm.core.consistency.ApplyStatus;
import org.opencrm.core.consistency.ArbitrationRule;
import org.opencrm.core.consistency.ConsistencyDiff;
import org.opencrm.core.consistency.ConsistencyFiles;
import org.opencrm.core.consistency.ConsistencyService;
import org.opencrm.core.consistency.ConsistencyStore;
import org.opencrm.core.consistency.PlantedExport;
import org.opencrm.core.customer.CustomerBulkLoader;
import org.opencrm.core.customer.CustomerStore;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestExports;
import org.opencrm.core.testing.TestOrg;

/** The scheduled continuation of consistency applies over the real embedded engine. */
class ConsistencyApplyHandlerTest {

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final Clock clock = Clock.systemUTC();
    private final CoreServices services = dynamo.services(clock);
    private final ConsistencyStore store = new ConsistencyStore(dynamo.client(), dynamo.tables());
    private final TestExports exports = new TestExports();
    private final Instant seededAt = clock.instant().minus(Duration.ofDays(30));

    @Test
    void aScheduledRun_finishesAnApplyTheMutationLeftRunning() {
        // GIVEN an apply of two pages of rows whose inline run had time for one page only
        Caller admin = TestOrg.member(services, Role.ADMIN, "east", "team-x");
        PlantedExport planted = PlantedExport.of(120, "ERP", admin.userId(), "team-x", seededAt);
        String id = diffed(planted, admin);
        ApplyResult inline = onePageInline().apply(id, ArbitrationRule.LATEST_WINS, null, admin);
        assertEquals(ApplyStatus.RUNNING, inline.status());

        // WHEN the schedule fires
        Map<String, Integer> answer =
                new ConsistencyApplyHandler(services)
                        .handleRequest(
                                new ScheduledEvent(),
                                new TestLambdaContext("req-1", "ConsistencyApplyFunction"));

        // THEN it worked that report to the end
        assertEquals(1, answer.get("worked"), answer.toString());
        assertEquals(1, answer.get("finished"), answer.toString());
        assertEquals(0, answer.get("skipped"), answer.toString());
        // and looked for running diffs too (this one's diff finished on arrival)
        assertEquals(0, answer.get("diffsSkipped"), answer.toString());
        ApplyResult done = store.find(id).orElseThrow().lastApply().progress();
        assertEquals(ApplyStatus.DONE, done.status());
        assertEquals(planted.applied().size(), done.fieldsChanged());
    }

    private String diffed(PlantedExport planted, Caller admin) {
        new CustomerBulkLoader(dynamo.client(), dynamo.tables())
                .load(
                        planted.customers(),
                        new WriteStamp(admin.userId(), "seed", "127.0.0.1", seededAt));
        String id = UUID.randomUUID().toString();
        new ConsistencyDiff(
                        store,
                        new CustomerStore(dynamo.enhanced(), dynamo.tables()),
                        exports,
                        (reportId, csv) -> {},
                        clock)
                .run(
                        new ConsistencyDiff.Export(
                                id, "ERP", admin.userId(), "text/csv", exports.add(planted.csv())));
        return id;
    }

    /** The mutation's side with no time beyond its first page. */
    private ConsistencyService onePageInline() {
        return new ConsistencyService(
                store,
                services.customers(),
                services.users(),
                new ConsistencyFiles(
                        () -> {
                            throw new IllegalStateException("no bucket here");
                        }),
                clock,
                () -> () -> false);
    }
}

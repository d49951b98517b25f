package org.opencrm.core.leadwork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadStatus;
import org.opencrm.core.lead.LeadStore;
import org.opencrm.core.lead.LeadWork;
import org.opencrm.core.testing.FaultyDynamo;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.StreamReader;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.testing.TestOrg;
import org.opencrm.core.time.AppClock;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The reactor and the sweep crash at random points (before or after their writes) over 1,000 leads,
 * and are retried as Lambda would retry them. Afterwards every lead went through every step of the
 * ladder exactly once: counted on the leads stream, which sees every write.
 */
class SlaFaultTest {

    private static final int LEADS = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void crashingReactorAndSweep_applyEveryDueStepExactlyOnce_over1000Leads() {
        AppClock clock = new AppClock(Clock.systemUTC());
        LocalDynamo dynamo = LocalDynamo.shared();
        CoreServices reliable = dynamo.services(clock);
        FaultyDynamo faults = FaultyDynamo.around(dynamo.client(), 42, 0.2);
        CoreServices crashing =
                CoreServices.build(
                        faults.client(),
                        dynamo.tables(),
                        clock,
                        Duration.ZERO,
                        LocalDynamo.demoSecrets());
        String region = "fault-" + UUID.randomUUID().toString().substring(0, 8);
        String team = TestOrg.uniqueTeam();
        Caller admin = TestOrg.member(reliable, Role.ADMIN, null, null);
        // 30 reps of the default capacity (50 open leads) hold 1,000 leads with room for the
        // reassignments
        for (int i = 0; i < 30; i++) {
            TestOrg.member(reliable, Role.SALES_REP, region, team);
        }
        TestOrg.member(reliable, Role.TEAM_LEAD, region, team);
        List<String> ids = ingest(reliable, admin, region);

        // the reactor: each lead's NEW delivered until it is handled (Lambda redelivers a failed
        // batch)
        ids.forEach(id -> untilDone(() -> crashing.assignments().assignNew(id)));
        // the ladder: 2 h (reassign), 24 h (team lead), 3 days (wake); crashing sweeps retried,
        // plus an overlapping one
        for (Duration step :
                List.of(Duration.ofMinutes(121), Duration.ofHours(22), Duration.ofHours(49))) {
            clock.advance(step);
            AssignmentSettings settings = reliable.assignments().settings();
            for (String id : ids) {
                untilDone(() -> crashing.escalation().apply(id, clock.instant(), settings));
                reliable.escalation().apply(id, clock.instant(), settings);
            }
            ids.forEach(id -> untilDone(() -> crashing.assignments().assignNew(id)));
        }

        System.out.println(
                "SlaFaultTest: " + faults.crashes() + " injected crashes over " + LEADS + " leads");
        assertTrue(faults.crashes() > 100, "too few crashes to mean anything: " + faults.crashes());
        Map<String, List<String>> steps = stepsByLead(dynamo, ids);
        for (String id : ids) {
            assertEquals(
                    List.of("VIEW_MISSED", "CONTACT_MISSED", "WOKEN"), steps.get(id), "lead " + id);
            Lead lead = reliable.leads().get(id, admin);
            assertEquals(LeadStatus.WOKEN, lead.status());
            assertEquals(LeadWork.DONE, lead.work().slaStep());
        }
    }

    /** Runs until it stops crashing: what a retried invocation does. */
    private static void untilDone(Runnable attempt) {
        for (int tries = 0; tries < 50; tries++) {
            try {
                attempt.run();
                return;
            } catch (RuntimeException failure) {
                if (!(rootCause(failure) instanceof FaultyDynamo.Crash)) {
                    throw failure;
                }
            }
        }
        throw new AssertionError("never got through");
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Each lead's applied SLA steps, in order, as the stream saw its lastSlaStep change. */
    private static Map<String, List<String>> stepsByLead(LocalDynamo dynamo, List<String> ids) {
        Set<String> wanted = new HashSet<>(ids);
        Map<String, List<String>> steps = new HashMap<>();
        for (Record record :
                new StreamReader(dynamo.streams()).allRecords(dynamo.tables().leads())) {
            Lead before =
                    record.dynamodb().hasOldImage()
                            ? LeadStore.fromImage(record.dynamodb().oldImage())
                            : null;
            Lead after =
                    record.dynamodb().hasNewImage()
                            ? LeadStore.fromImage(record.dynamodb().newImage())
                            : null;
            if (after == null || !wanted.contains(after.id())) {
                continue;
            }
            String step = after.work().lastSlaStep();
            String previous = before == null ? null : before.work().lastSlaStep();
            if (step != null && !step.equals(previous)) {
                steps.computeIfAbsent(after.id(), id -> new ArrayList<>()).add(step.split(":")[0]);
            }
        }
        return steps;
    }

    private static List<String> ingest(CoreServices services, Caller admin, String region) {
        List<String> ids = new ArrayList<>();
        for (int from = 0; from < LEADS; from += 500) {
            List<JsonNode> records = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                records.add(
                        JSON.valueToTree(
                                Map.of("tel", TestCallers.uniqueMobile(), "city", region)));
            }
            services.intake()
                    .ingest("website", records, admin)
                    .forEach(outcome -> ids.add(outcome.leadId()));
        }
        return ids;
    }
}

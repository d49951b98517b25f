package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import org.opencrm.core.deal.DealMigration;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;
import org.opencrm.functions.telemetry.Telemetry;
import org.opencrm.functions.telemetry.WorkOutcome;
import org.opencrm.functions.telemetry.WorkUnit;

/**
 * Issue 14's one-off migration, invoked once after the deploy ({@code aws lambda invoke}) and by
 * the local cloud at every start: customers with a stage past NEW get one deal at that stage. Safe
 * to rerun: it creates nothing twice.
 */
public class DealMigrationHandler implements RequestHandler<ScheduledEvent, Map<String, Integer>> {

    private final DealMigration migration;

    public DealMigrationHandler() {
        this(
                Services.from(RuntimeEnvironment.current(), AppClock.SHARED)
                        .core()
                        .customerDeals()
                        .migration());
    }

    DealMigrationHandler(DealMigration migration) {
        this.migration = migration;
        Priming.scheduled(this, "DealMigration");
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent request, Context context) {
        return Telemetry.observe(
                WorkUnit.scheduleRun("DealMigration"),
                context,
                () -> {
                    DealMigration.Tally tally = migration.run();
                    return Map.of("customers", tally.customers(), "created", tally.created());
                },
                WorkOutcome::ofCounts);
    }
}

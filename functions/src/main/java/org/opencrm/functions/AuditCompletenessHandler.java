package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Clock;
import java.util.Map;
import org.opencrm.core.audit.AuditCompleteness;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;
import org.opencrm.functions.telemetry.Telemetry;
import org.opencrm.functions.telemetry.WorkOutcome;
import org.opencrm.functions.telemetry.WorkUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.argument.StructuredArguments;

/**
 * Every hour: every change of the last two hours (ending ten minutes ago) must have its audit row
 * gaps go to the admins, the AuditGapsFound metric and this log line.
 */
public class AuditCompletenessHandler
        implements RequestHandler<ScheduledEvent, Map<String, Integer>> {

    private static final Logger LOG = LoggerFactory.getLogger(AuditCompletenessHandler.class);

    private final AuditCompleteness completeness;
    private final Clock clock;

    public AuditCompletenessHandler() {
        this(
                AuditRecovery.completeness(RuntimeEnvironment.current(), AppClock.SHARED),
                AppClock.SHARED);
    }

    AuditCompletenessHandler(AuditCompleteness completeness, Clock clock) {
        this.completeness = completeness;
        this.clock = clock;
        Priming.scheduled(this, "AuditCompleteness");
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent tick, Context context) {
        return Telemetry.observe(
                WorkUnit.scheduleRun("AuditCompleteness"),
                context,
                this::check,
                WorkOutcome::ofCounts);
    }

    private Map<String, Integer> check() {
        AuditCompleteness.Report report = completeness.checkWindowEndingAt(clock.instant());
        if (!report.gaps().isEmpty()) {
            LOG.warn(
                    "audit trail has gaps",
                    StructuredArguments.entry("from", report.from().toString()),
                    StructuredArguments.entry("to", report.to().toString()),
                    StructuredArguments.entry("gaps", report.gaps()));
        }
        return Map.of("changes", report.changes(), "auditGaps", report.gaps().size());
    }
}

package org.opencrm.infra.schedules;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.opencrm.infra.aws.LocalAws;
import org.opencrm.infra.functions.FunctionRuntime;
import org.opencrm.infra.functions.InvocationFailedException;
import org.opencrm.template.ScheduleSource;

/**
 * Fires the template's {@code Schedule}/{@code ScheduleV2} events with a {@link ScheduledEvent} on
 * their cadence (wall clock), and on demand ({@link #fireNow}). The event's time is the application
 * clock's, so a test that advanced the clock sees the moved time in the event.
 */
public final class Scheduler implements AutoCloseable {

    private final List<ScheduleSource> schedules;
    private final FunctionRuntime runtime;
    private final Clock appClock;
    private final Clock wallClock = Clock.systemUTC();
    private final ScheduledExecutorService timer;

    public Scheduler(List<ScheduleSource> schedules, FunctionRuntime runtime, Clock appClock) {
        this.schedules = List.copyOf(schedules);
        this.runtime = runtime;
        this.appClock = appClock;
        this.timer =
                Executors.newScheduledThreadPool(
                        2,
                        task -> {
                            Thread thread = new Thread(task, "schedules");
                            thread.setDaemon(true);
                            return thread;
                        });
    }

    /** Starts every enabled schedule; returns one description per schedule for the start-up log. */
    public List<String> start() {
        List<String> described = new ArrayList<>();
        Instant start = wallClock.instant();
        for (ScheduleSource schedule : schedules) {
            ScheduleExpression expression = ScheduleExpression.parse(schedule.expression());
            String line =
                    schedule.functionLogicalId()
                            + " <- "
                            + expression
                            + (schedule.enabled() ? "" : " (disabled)")
                            + expression.approximation().map(note -> " (" + note + ")").orElse("")
                            + schedule.input()
                                    .map(
                                            input ->
                                                    " (Input is ignored locally; the handler gets the ScheduledEvent)")
                                    .orElse("");
            described.add(line);
            if (schedule.enabled()) {
                scheduleNext(schedule, expression, start);
            }
        }
        return described;
    }

    public boolean knows(String functionLogicalId) {
        return schedules.stream()
                .anyMatch(schedule -> schedule.functionLogicalId().equals(functionLogicalId));
    }

    /** Runs every schedule of the function now and returns once its handler has returned. */
    public List<Object> fireNow(String functionLogicalId) throws InvocationFailedException {
        List<Object> results = new ArrayList<>();
        for (ScheduleSource schedule : schedules) {
            if (schedule.functionLogicalId().equals(functionLogicalId)) {
                results.add(runtime.invoke(functionLogicalId, event(schedule)));
            }
        }
        return results;
    }

    @SuppressWarnings("FutureReturnValueIgnored") // fireLogged reports its own failures
    private void scheduleNext(
            ScheduleSource schedule, ScheduleExpression expression, Instant start) {
        Instant next = expression.nextAfter(start, wallClock.instant());
        long delay = Math.max(0, Duration.between(wallClock.instant(), next).toMillis());
        timer.schedule(
                () -> {
                    fireLogged(schedule);
                    scheduleNext(schedule, expression, start);
                },
                delay,
                TimeUnit.MILLISECONDS);
    }

    private void fireLogged(ScheduleSource schedule) {
        try {
            runtime.invoke(schedule.functionLogicalId(), event(schedule));
        } catch (InvocationFailedException failed) {
            System.err.println(
                    "[schedule "
                            + schedule.functionLogicalId()
                            + "."
                            + schedule.eventId()
                            + "] "
                            + failed.getMessage());
        }
    }

    private ScheduledEvent event(ScheduleSource schedule) {
        return new ScheduledEvent()
                .withVersion("0")
                .withId(UUID.randomUUID().toString())
                .withDetailType("Scheduled Event")
                .withSource(
                        schedule.type().equals(ScheduleSource.TYPE_V2)
                                ? "aws.scheduler"
                                : "aws.events")
                .withAccount(LocalAws.ACCOUNT_ID)
                .withRegion(LocalAws.REGION)
                .withTime(new DateTime(appClock.millis(), DateTimeZone.UTC))
                .withResources(
                        List.of(
                                "arn:aws:events:"
                                        + LocalAws.REGION
                                        + ":"
                                        + LocalAws.ACCOUNT_ID
                                        + ":rule/crm-local-"
                                        + schedule.functionLogicalId()
                                        + "-"
                                        + schedule.eventId()))
                .withDetail(Map.of());
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }
}

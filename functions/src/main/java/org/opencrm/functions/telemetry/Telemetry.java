package org.opencrm.functions.telemetry;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.opencrm.core.metrics.BusinessTally;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.store.DynamoCallCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.logging.argument.StructuredArguments;

/**
 * The one wrapper of every API request, webhook delivery, stream batch and schedule run: it runs
 * the work inside Powertools' logging context (the Lambda context's fields on every line), counts
 * its time, DynamoDB calls and business events, and writes one JSON log line and one EMF metrics
 * line for it.
 */
public final class Telemetry {

    private static final Logger LOG = LoggerFactory.getLogger("org.opencrm.work");
    private static final EmfMetrics METRICS = EmfMetrics.configured(RuntimeEnvironment.current());

    /** Fixed messages: nothing a user supplied reaches the message, where SLF4J reads braces. */
    private static final Map<String, String> MESSAGES =
            Map.of(
                    "api", "api request",
                    "webhook", "webhook delivery",
                    "batch", "stream batch",
                    "schedule", "schedule run",
                    "files", "file events");

    /** Set on a thread while it primes: the work runs and its line is built, nothing written. */
    private static final ThreadLocal<Boolean> PRIMING = ThreadLocal.withInitial(() -> false);

    private Telemetry() {}

    /**
     * Runs the work as {@link #observe} would, except that its log line and metrics are built but
     * not written: SnapStart priming, which must leave no trace.
     */
    public static <T> T unwritten(Supplier<T> work) {
        PRIMING.set(true);
        try {
            return work.get();
        } finally {
            PRIMING.remove();
        }
    }

    /**
     * Loads the logging and metrics set-up (Log4j's configuration, the EMF environment) now: before
     * a SnapStart snapshot, so a restored container's first request does not pay for it.
     */
    public static void prime() {
        LOG.debug("logging and metrics ready");
    }

    /**
     * Runs the work and reports it.
     *
     * @param unit what runs
     * @param context the invocation's Lambda context (null when a test calls a handler directly)
     * @param work the work itself
     * @param outcome what the line says of the work's result
     */
    public static <T> T observe(
            WorkUnit unit,
            Context context,
            Supplier<T> work,
            Function<? super T, WorkOutcome> outcome) {
        return PowertoolsLogging.withLogging(context, () -> measured(unit, context, work, outcome));
    }

    private static <T> T measured(
            WorkUnit unit,
            Context context,
            Supplier<T> work,
            Function<? super T, WorkOutcome> outcome) {
        String requestId = requestId(unit, context);
        DynamoCallCounter.Span calls = DynamoCallCounter.start();
        BusinessTally.Span events = BusinessTally.start();
        long started = System.nanoTime();
        T result;
        try {
            result = work.get();
        } catch (RuntimeException failure) {
            publish(
                    new WorkLine(
                            unit,
                            requestId,
                            null,
                            failure,
                            elapsedMs(started),
                            calls.calls(),
                            events.counts()));
            throw failure;
        }
        publish(
                new WorkLine(
                        unit,
                        requestId,
                        outcome.apply(result),
                        null,
                        elapsedMs(started),
                        calls.calls(),
                        events.counts()));
        return result;
    }

    /** API Gateway's id for API requests (the one error messages quote), else Lambda's. */
    private static String requestId(WorkUnit unit, Context context) {
        if (unit.requestId() != null) {
            return unit.requestId();
        }
        return context == null ? null : context.getAwsRequestId();
    }

    private static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private static void publish(WorkLine line) {
        Object[] fields =
                line.fields().entrySet().stream()
                        .map(field -> StructuredArguments.entry(field.getKey(), field.getValue()))
                        .toArray();
        String message = MESSAGES.getOrDefault(line.unit().kind(), "work");
        if (PRIMING.get()) {
            return;
        }
        if (line.failure() != null) {
            LOG.error(message + " failed", append(fields, line.failure()));
        } else {
            LOG.info(message, fields);
        }
        try {
            METRICS.publish(line);
        } catch (RuntimeException unpublished) {
            // the work is done and its line written: lost metrics must not turn it into a failure
            LOG.warn("metrics of the {} could not be published", message, unpublished);
        }
    }

    private static Object[] append(Object[] fields, Throwable failure) {
        Object[] withFailure = Arrays.copyOf(fields, fields.length + 1);
        withFailure[fields.length] = failure;
        return withFailure;
    }
}

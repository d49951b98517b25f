package org.opencrm.infra.s3;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.opencrm.infra.functions.FunctionRuntime;
import org.opencrm.infra.functions.InvocationFailedException;
import org.opencrm.infra.streams.DeadLetterSink;
import org.opencrm.template.S3Source;

/**
 * Delivers the buckets' object events to the functions whose {@code S3} events match them, the way
 * S3 invokes a function: asynchronously (queued, never on S3Proxy's request thread), and, like any
 * asynchronous Lambda invocation, retried twice after a failure before it is given up to the dead
 * letters.
 */
public final class BucketNotifications implements Consumer<ObjectCreated>, AutoCloseable {

    /**
     * Lambda retries a failed asynchronous invocation after about 1 and 2 minutes; locally 1, 2 s.
     */
    public static final List<Duration> ASYNC_RETRY_DELAYS =
            List.of(Duration.ofSeconds(1), Duration.ofSeconds(2));

    /** One object's event on its way to one function. */
    private record Delivery(S3Source source, ObjectCreated created, Instant time) {}

    private final List<S3Source> sources;
    private final FunctionRuntime runtime;
    private final DeadLetterSink deadLetters;
    private final List<Duration> retryDelays;
    private final Clock clock;
    private final ScheduledExecutorService deliveries;

    /**
     * @param sources every function's S3 events
     * @param runtime runs the functions
     * @param deadLetters where an event goes once its retries are spent
     * @param retryDelays the pause before each retry; their number is the number of retries
     * @param clock stamps the events
     */
    public BucketNotifications(
            List<S3Source> sources,
            FunctionRuntime runtime,
            DeadLetterSink deadLetters,
            List<Duration> retryDelays,
            Clock clock) {
        this.sources = List.copyOf(sources);
        this.runtime = runtime;
        this.deadLetters = deadLetters;
        this.retryDelays = List.copyOf(retryDelays);
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.deliveries =
                Executors.newScheduledThreadPool(
                        2,
                        task -> {
                            Thread thread =
                                    new Thread(task, "s3-notify-" + threads.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        });
    }

    /** Queues the object's event for every matching function; returns at once. */
    @Override
    public void accept(ObjectCreated created) {
        for (S3Source source : sources) {
            if (source.bucketName().equals(created.bucket())
                    && source.matches(created.eventName(), created.key())) {
                Delivery delivery = new Delivery(source, created, clock.instant());
                deliveries.execute(() -> deliver(delivery, 0));
            }
        }
    }

    private void deliver(Delivery delivery, int attempt) {
        try {
            runtime.invoke(
                    delivery.source().functionLogicalId(),
                    S3Events.of(delivery.created(), delivery.source(), delivery.time()));
        } catch (InvocationFailedException failed) {
            retryOrGiveUp(delivery, attempt, failed);
        } catch (RuntimeException | Error broken) {
            // not the function failing but the delivery itself (e.g. no such function, dead
            // letters unwritable): said on the console, since the executor would swallow it
            System.err.println(
                    "[s3 notifications] "
                            + delivery.source().functionLogicalId()
                            + " "
                            + delivery.created().key()
                            + ": "
                            + broken);
        }
    }

    private void retryOrGiveUp(Delivery delivery, int attempt, InvocationFailedException failed) {
        if (attempt < retryDelays.size()) {
            // a retry cannot fail through its future: deliver() keeps every failure to itself
            ScheduledFuture<?> unused =
                    deliveries.schedule(
                            () -> deliver(delivery, attempt + 1),
                            retryDelays.get(attempt).toMillis(),
                            TimeUnit.MILLISECONDS);
            return;
        }
        deadLetters.append(
                DeadLetterSink.DeadLetter.builder()
                        .function(delivery.source().functionLogicalId())
                        .event(delivery.source().eventId())
                        .destination("none (asynchronous invocation without a destination)")
                        .batchSize(1)
                        .reason(failed.getMessage())
                        .condition("RetryAttemptsExhausted")
                        .firstArrival(delivery.time().toString())
                        .lastArrival(delivery.time().toString())
                        .recordedAt(clock.instant().toString())
                        .records(List.of(describe(delivery.created())))
                        .build());
    }

    private static Map<String, Object> describe(ObjectCreated created) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("eventName", created.eventName());
        object.put("bucket", created.bucket());
        object.put("key", created.key());
        object.put("size", created.size());
        object.put("eTag", created.eTag());
        object.put("sequencer", created.sequencer());
        return object;
    }

    @Override
    public void close() {
        deliveries.shutdownNow();
    }
}

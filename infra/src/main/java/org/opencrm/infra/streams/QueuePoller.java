package org.opencrm.infra.streams;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.opencrm.infra.aws.LocalAws;
import org.opencrm.infra.functions.FunctionRuntime;
import org.opencrm.infra.functions.InvocationFailedException;
import org.opencrm.template.SqsSource;

/**
 * One SQS event source mapping: receives from a {@link LocalQueue} and invokes the function with
 * {@link SQSEvent} batches, the way Lambda's poller does. A successful invocation deletes its
 * messages except those reported in {@code batchItemFailures} (with {@code
 * ReportBatchItemFailures}); a failed one deletes none. What is not deleted comes back after the
 * queue's visibility timeout.
 */
public final class QueuePoller implements AutoCloseable {

    private final SqsSource source;
    private final LocalQueue queue;
    private final FunctionRuntime runtime;
    private final ScheduledExecutorService thread;

    public QueuePoller(SqsSource source, LocalQueue queue, FunctionRuntime runtime) {
        this.source = source;
        this.queue = queue;
        this.runtime = runtime;
        this.thread =
                Executors.newSingleThreadScheduledExecutor(
                        task -> {
                            Thread poller =
                                    new Thread(
                                            task,
                                            "queue-"
                                                    + source.functionLogicalId()
                                                    + "-"
                                                    + source.eventId());
                            poller.setDaemon(true);
                            return poller;
                        });
    }

    @SuppressWarnings("FutureReturnValueIgnored") // pollLogged reports its own failures
    public void start() {
        thread.scheduleWithFixedDelay(
                this::pollLogged, 0, StreamPoller.POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pollLogged() {
        try {
            poll();
        } catch (RuntimeException unexpected) {
            if (!thread.isShutdown()) {
                log("poll failed, retrying: " + unexpected);
            }
        }
    }

    /** Receives and delivers one batch. */
    void poll() {
        List<LocalQueue.Message> batch = queue.receive(source.batchSize());
        if (batch.isEmpty()) {
            return;
        }
        Set<String> failed = invoke(batch);
        batch.stream()
                .map(LocalQueue.Message::messageId)
                .filter(id -> !failed.contains(id))
                .forEach(queue::delete);
        if (!failed.isEmpty()) {
            log(
                    failed.size()
                            + " of "
                            + batch.size()
                            + " messages failed; they come back after the visibility timeout ("
                            + source.visibilityTimeoutSeconds()
                            + "s)");
        }
    }

    /** The ids of the messages to keep: all of them when the invocation failed. */
    private Set<String> invoke(List<LocalQueue.Message> batch) {
        Set<String> all = new HashSet<>();
        batch.forEach(message -> all.add(message.messageId()));
        Object result;
        try {
            result = runtime.invoke(source.functionLogicalId(), event(batch));
        } catch (InvocationFailedException failedInvocation) {
            log("invocation failed: " + failedInvocation.getMessage());
            return all;
        }
        if (!source.reportBatchItemFailures()
                || !(result instanceof SQSBatchResponse response)
                || response.getBatchItemFailures() == null) {
            return Set.of();
        }
        Set<String> failed = new HashSet<>();
        for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            String id = failure == null ? null : failure.getItemIdentifier();
            if (id == null || !all.contains(id)) {
                // as in AWS: an unknown or missing identifier fails the whole batch
                return all;
            }
            failed.add(id);
        }
        return failed;
    }

    private SQSEvent event(List<LocalQueue.Message> batch) {
        SQSEvent event = new SQSEvent();
        event.setRecords(
                batch.stream()
                        .map(
                                message -> {
                                    SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
                                    record.setMessageId(message.messageId());
                                    record.setReceiptHandle(
                                            message.messageId() + "#" + message.receiveCount());
                                    record.setBody(message.body());
                                    record.setAttributes(
                                            Map.of(
                                                    "ApproximateReceiveCount",
                                                    Integer.toString(message.receiveCount()),
                                                    "SentTimestamp",
                                                    Long.toString(
                                                            message.sentAt().toEpochMilli())));
                                    record.setEventSource("aws:sqs");
                                    record.setEventSourceArn(queue.arn());
                                    record.setAwsRegion(LocalAws.REGION);
                                    return record;
                                })
                        .toList());
        return event;
    }

    private void log(String message) {
        System.err.println(
                "[queue "
                        + source.queueLogicalId()
                        + " -> "
                        + source.functionLogicalId()
                        + "] "
                        + message);
    }

    @Override
    public void close() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }
}

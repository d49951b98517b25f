package org.opencrm.infra.streams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The local stand-in for an SQS standard queue, as far as a Lambda event source uses one: a
 * received message is hidden for the visibility timeout and comes back unless deleted; one received
 * {@code maxReceiveCount} times moves to the dead-letter queue instead. Times come from the local
 * cloud's clock, so {@code /_local/clock/advance} lets a timeout pass.
 */
public final class LocalQueue {

    /** One message as a receiver sees it. */
    public record Message(String messageId, String body, int receiveCount, Instant sentAt) {}

    private static final class Held {
        private final String messageId = UUID.randomUUID().toString();
        private final String body;
        private final Instant sentAt;
        private int receiveCount;
        private Instant visibleAt;

        private Held(String body, Instant sentAt) {
            this.body = body;
            this.sentAt = sentAt;
            this.visibleAt = sentAt;
        }
    }

    private final String arn;
    private final Duration visibilityTimeout;
    private final Optional<Integer> maxReceiveCount;
    private final Optional<LocalQueue> deadLetterQueue;
    private final Clock clock;
    private final Map<String, Held> messages = new LinkedHashMap<>();

    public LocalQueue(
            String arn,
            Duration visibilityTimeout,
            Optional<Integer> maxReceiveCount,
            Optional<LocalQueue> deadLetterQueue,
            Clock clock) {
        this.arn = arn;
        this.visibilityTimeout = visibilityTimeout;
        this.maxReceiveCount = maxReceiveCount;
        this.deadLetterQueue = deadLetterQueue;
        this.clock = clock;
    }

    public String arn() {
        return arn;
    }

    public synchronized void send(String body) {
        Held message = new Held(body, clock.instant());
        messages.put(message.messageId, message);
    }

    /**
     * Up to {@code max} visible messages, each hidden for the visibility timeout from now; those
     * already received {@code maxReceiveCount} times go to the dead-letter queue first.
     */
    public synchronized List<Message> receive(int max) {
        Instant now = clock.instant();
        List<Message> received = new ArrayList<>();
        Iterator<Held> waiting = messages.values().iterator();
        while (waiting.hasNext() && received.size() < max) {
            Held message = waiting.next();
            if (message.visibleAt.isAfter(now)) {
                continue;
            }
            if (maxReceiveCount.isPresent() && message.receiveCount >= maxReceiveCount.get()) {
                waiting.remove();
                deadLetterQueue.ifPresent(dlq -> dlq.send(message.body));
                continue;
            }
            message.receiveCount++;
            message.visibleAt = now.plus(visibilityTimeout);
            received.add(
                    new Message(
                            message.messageId, message.body, message.receiveCount, message.sentAt));
        }
        return received;
    }

    public synchronized void delete(String messageId) {
        messages.remove(messageId);
    }

    /** Messages in the queue, visible or not. */
    public synchronized List<String> bodies() {
        return messages.values().stream().map(message -> message.body).toList();
    }
}

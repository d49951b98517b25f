package org.opencrm.core.metrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts business events per thread, the way {@code DynamoCallCounter} counts DynamoDB calls: a use
 * case says what happened at the one place that decides it, and the handler that ran it reads the
 * counts of its request, batch or run and publishes them (log line and metrics). Core so names no
 * logging or metrics library, and no service needs a new constructor argument.
 *
 * <p>A Lambda container serves one request at a time on one thread; the local cloud serves each on
 * a thread of its own. Work handed to another thread is counted there, so use cases count on the
 * thread that called them.
 */
public final class BusinessTally {

    private static final ThreadLocal<Map<BusinessEvent, Long>> COUNTS =
            ThreadLocal.withInitial(() -> new EnumMap<>(BusinessEvent.class));

    private BusinessTally() {}

    public static void count(BusinessEvent event) {
        count(event, 1);
    }

    public static void count(BusinessEvent event, long times) {
        COUNTS.get().merge(event, times, Long::sum);
    }

    /** Starts a unit of work on this thread. */
    public static Span start() {
        return new Span(new EnumMap<>(COUNTS.get()));
    }

    /** The events counted on the starting thread since {@link #start()}. */
    public static final class Span {
        private final Map<BusinessEvent, Long> startedAt;

        private Span(Map<BusinessEvent, Long> startedAt) {
            this.startedAt = startedAt;
        }

        /** The events that happened at least once, in declaration order. */
        public Map<BusinessEvent, Long> counts() {
            Map<BusinessEvent, Long> counts = new EnumMap<>(BusinessEvent.class);
            COUNTS.get()
                    .forEach(
                            (event, now) -> {
                                long happened = now - startedAt.getOrDefault(event, 0L);
                                if (happened != 0) {
                                    counts.put(event, happened);
                                }
                            });
            return Collections.unmodifiableMap(counts);
        }
    }
}

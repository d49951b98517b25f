package org.opencrm.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs attempts on their own threads, all released at the same moment, and collects what each
 * returned.
 */
public final class Race {

    /** One racer's attempt; may throw, and the race fails with it. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws Exception;
    }

    private Race() {}

    /** The outcome of each of {@code racers} attempts, in racer order. */
    public static <T> List<T> run(int racers, IntFunction<Attempt<T>> attemptOf) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<T>> outcomes = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Attempt<T> attempt = attemptOf.apply(i);
                outcomes.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    return attempt.run();
                                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> outcome : outcomes) {
                results.add(outcome.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}

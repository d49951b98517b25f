package org.opencrm.core.leadwork;

import java.util.ArrayList;
import java.util.List;

/**
 * A distribution of response times in minutes, pure: percentiles and a histogram a client
 * can draw. Percentiles are nearest-rank over the samples.
 *
 * @param buckets one per histogram bar: samples up to {@code upToMinutes} (null: the rest)
 */
public record ResponseStats(
        int count, Long p50Minutes, Long p90Minutes, Long maxMinutes, List<Bucket> buckets) {

    /** Bar edges: 15 min, 30 min, 1 h, 2 h, 4 h, 8 h, 24 h, 3 days, then the rest. */
    static final long[] EDGES = {15, 30, 60, 120, 240, 480, 1_440, 4_320};

    public record Bucket(Long upToMinutes, int count) {}

    public static ResponseStats of(List<Long> minutes) {
        List<Long> sorted = minutes.stream().sorted().toList();
        List<Bucket> buckets = new ArrayList<>();
        long lower = Long.MIN_VALUE;
        for (long edge : EDGES) {
            long from = lower;
            buckets.add(
                    new Bucket(
                            edge,
                            (int) sorted.stream().filter(m -> m > from && m <= edge).count()));
            lower = edge;
        }
        long last = lower;
        buckets.add(new Bucket(null, (int) sorted.stream().filter(m -> m > last).count()));
        if (sorted.isEmpty()) {
            return new ResponseStats(0, null, null, null, buckets);
        }
        return new ResponseStats(
                sorted.size(),
                rank(sorted, 50),
                rank(sorted, 90),
                sorted.get(sorted.size() - 1),
                buckets);
    }

    private static long rank(List<Long> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}

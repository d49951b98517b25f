package org.opencrm.core.leadwork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseStatsTest {

    @Test
    void of_givesNearestRankPercentiles_andCountsEachSampleInOneBucket() {
        // 10 samples: p50 is the 5th smallest, p90 the 9th
        ResponseStats stats =
                ResponseStats.of(List.of(5L, 10L, 15L, 20L, 45L, 60L, 90L, 200L, 1_500L, 5_000L));

        assertEquals(10, stats.count());
        assertEquals(45L, stats.p50Minutes());
        assertEquals(1_500L, stats.p90Minutes());
        assertEquals(5_000L, stats.maxMinutes());
        assertEquals(
                List.of(3, 1, 2, 1, 1, 0, 0, 1, 1),
                stats.buckets().stream().map(ResponseStats.Bucket::count).toList());
        assertNull(stats.buckets().get(8).upToMinutes());
    }

    @Test
    void of_nothing_hasNoPercentiles_andEmptyBuckets() {
        ResponseStats stats = ResponseStats.of(List.of());

        assertEquals(0, stats.count());
        assertNull(stats.p50Minutes());
        assertEquals(9, stats.buckets().size());
    }
}

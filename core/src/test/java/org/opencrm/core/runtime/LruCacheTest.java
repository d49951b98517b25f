package org.opencrm.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LruCacheTest {

    @Test
    void aFullCache_dropsTheLeastRecentlyUsedEntry_notTheOldestWritten() {
        // GIVEN a cache of two, "a" written first but read after "b" was written
        LruCache<String, Integer> cache = new LruCache<>(2);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.find("a");

        // WHEN a third entry is written
        cache.put("c", 3);

        // THEN "b", used least recently, is gone and the others remain
        assertEquals(Optional.empty(), cache.find("b"));
        assertEquals(Optional.of(1), cache.find("a"));
        assertEquals(Optional.of(3), cache.find("c"));
    }

    @Test
    void aRemovedOrRewrittenEntry_answersWhatWasLastSaid() {
        LruCache<String, Integer> cache = new LruCache<>(4);
        cache.put("a", 1);
        cache.put("a", 2);
        cache.put("b", 3);
        cache.remove("b");

        assertEquals(Optional.of(2), cache.find("a"));
        assertEquals(Optional.empty(), cache.find("b"));
    }

    @Test
    void aCacheOfNothing_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LruCache<String, Integer>(0));
    }
}

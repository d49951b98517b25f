package org.opencrm.core.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a warm container remembers between requests (parsed documents, persisted queries, request
 * budgets): at most {@code capacity} entries, the least recently used dropped first, shared by the
 * container's threads.
 */
public final class LruCache<K, V> {

    private final Map<K, V> entries;

    public LruCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        // access order: a read makes an entry the most recently used
        this.entries =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                        return size() > capacity;
                    }
                };
    }

    /** The entry's value, now the most recently used; empty when absent or dropped. */
    public synchronized Optional<V> find(K key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** Remembers the value, dropping the least recently used entry when full. */
    public synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    public synchronized void remove(K key) {
        entries.remove(key);
    }
}

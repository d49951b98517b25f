package org.opencrm.core.persisted;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.opencrm.core.runtime.LruCache;

/**
 * The automatic persisted queries every container shares (issue 18 item 6): stored in DynamoDB,
 * held in a bounded cache per container, so a warm container answers a known hash without a read.
 * An entry is the text of its own SHA-256, so a cached one can never be stale.
 */
public final class PersistedQueryService {

    /**
     * A stored query a client has not registered again for this long is cleaned up; a client that
     * sends its hash after that is told PERSISTED_QUERY_NOT_FOUND and sends the text once more.
     */
    public static final Duration KEEP = Duration.ofDays(30);

    private static final int CACHED = 1_000;

    private final PersistedQueryStore store;
    private final Clock clock;
    private final LruCache<String, String> cache = new LruCache<>(CACHED);

    public PersistedQueryService(PersistedQueryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The query text stored under {@code sha256Hex} (lower-case hex), if any. */
    public Optional<String> find(String sha256Hex) {
        Optional<String> cached = cache.find(sha256Hex);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<String> stored = store.find(sha256Hex);
        stored.ifPresent(query -> remember(sha256Hex, query));
        return stored;
    }

    /**
     * Stores {@code query} under its hash; the caller has checked that the hash is the query's and
     * that the query is a valid document.
     */
    public void register(String sha256Hex, String query) {
        if (cache.find(sha256Hex).filter(query::equals).isPresent()) {
            return;
        }
        Instant now = clock.instant();
        store.put(sha256Hex, query, now, now.plus(KEEP));
        remember(sha256Hex, query);
    }

    private void remember(String sha256Hex, String query) {
        cache.put(sha256Hex, query);
    }
}

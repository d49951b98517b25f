package org.opencrm.core.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A configuration read at most once per {@code maxAge} per container: for settings consulted on
 * every request (request budgets, webhook signing), where a query of the config table per request
 * would double the request's DynamoDB calls. A change applies within {@code maxAge}.
 */
public final class CachedSetting<T extends Record> implements Supplier<T> {

    private final ConfigService config;
    private final ConfigDefinition<T> definition;
    private final Duration maxAge;
    private final Clock clock;
    private volatile Read<T> last;

    private record Read<T>(T value, Instant at) {}

    public CachedSetting(
            ConfigService config, ConfigDefinition<T> definition, Duration maxAge, Clock clock) {
        this.config = config;
        this.definition = definition;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public T get() {
        Instant now = clock.instant();
        Read<T> read = last;
        // the clock may be moved back locally: a read from the future is stale too
        if (read != null && !now.isBefore(read.at()) && now.isBefore(read.at().plus(maxAge))) {
            return read.value();
        }
        T value = config.current(definition);
        last = new Read<>(value, now);
        return value;
    }
}

package org.opencrm.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock every function reads time from: the system clock plus an offset.
 *
 * <p>In AWS the offset stays zero. The local cloud moves it forward ({@code POST
 * /_local/clock/advance}) so a test can walk through hours of SLA in seconds.
 */
public final class AppClock extends Clock {

    /** The one instance per JVM; every handler's no-arg constructor takes this one. */
    public static final AppClock SHARED = new AppClock(Clock.systemUTC());

    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public AppClock(Clock base) {
        this.base = base;
    }

    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward, got " + by);
        }
        offset.updateAndGet(current -> current.plus(by));
    }

    public Duration offset() {
        return offset.get();
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /**
     * The same moving instant seen from {@code zone} (quiet hours are local time); advancing this
     * clock advances the view.
     */
    @Override
    public Clock withZone(ZoneId zone) {
        AppClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }
}

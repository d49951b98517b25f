package org.opencrm.core.runtime;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value built on first use and shared afterwards, for clients a container may never need (the S3
 * client of a function that never touches the bucket).
 */
public final class Once<T> implements Supplier<T> {

    private final Supplier<T> build;
    private volatile T value;

    public Once(Supplier<T> build) {
        this.build = Objects.requireNonNull(build, "build");
    }

    @Override
    public T get() {
        T built = value;
        if (built != null) {
            return built;
        }
        synchronized (this) {
            if (value == null) {
                value = Objects.requireNonNull(build.get(), "built value");
            }
            return value;
        }
    }
}

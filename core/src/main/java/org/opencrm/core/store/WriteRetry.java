package org.opencrm.core.store;

import dev.failsafe.RetryPolicy;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Retries a write that failed for a reason other than its own condition: throttling past the SDK's
 * own retries, a dropped connection, a table briefly unavailable. For writes that are the last
 * place a record can go (a quarantined webhook record, an idempotency answer), where giving up
 * means the sender has to try again. Same attempts and pauses as {@link ConflictRetry}; a refused
 * condition or a cancelled transaction is the caller's answer, not a failure, and is never retried.
 */
public final class WriteRetry {

    private static final WriteRetry STANDARD = new WriteRetry(ConflictRetry::sleep);

    private final RetryPolicy<Object> policy;
    private final ConflictRetry.Pause pause;

    WriteRetry(ConflictRetry.Pause pause) {
        this.policy = ConflictRetry.<Object>backoff().handleIf(WriteRetry::isTransient).build();
        this.pause = pause;
    }

    public static WriteRetry standard() {
        return STANDARD;
    }

    /** Runs {@code write} until it returns, or throws something that is not transient. */
    public <T> T run(Supplier<T> write) {
        return ConflictRetry.retried(policy, pause, attempt -> write.get());
    }

    public void run(Runnable write) {
        run(
                () -> {
                    write.run();
                    return null;
                });
    }

    /** A failure of the call, not a decision of the table. */
    static boolean isTransient(Throwable failure) {
        return failure instanceof SdkException
                && !(failure instanceof ConditionalCheckFailedException)
                && !(failure instanceof TransactionCanceledException);
    }
}

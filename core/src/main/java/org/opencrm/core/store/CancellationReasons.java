package org.opencrm.core.store;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The one reader of why DynamoDB cancelled a transaction. Reasons come one per action, in the order
 * the actions were added, so a store asks about its actions by position.
 */
public record CancellationReasons(List<CancellationReason> reasons) {

    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final String TRANSACTION_CONFLICT = "TransactionConflict";

    public CancellationReasons {
        reasons = List.copyOf(reasons);
    }

    public static CancellationReasons of(TransactionCanceledException cancelled) {
        return new CancellationReasons(
                cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of());
    }

    /** Whether the condition of the action at {@code position} failed. */
    public boolean conditionFailedAt(int position) {
        return position < reasons.size() && CONDITION_FAILED.equals(reasons.get(position).code());
    }

    /** Whether the condition of any action failed. */
    public boolean anyConditionFailed() {
        return reasons.stream().anyMatch(reason -> CONDITION_FAILED.equals(reason.code()));
    }

    /**
     * Only conflicts with other transactions in flight, no failed condition: the same transaction
     * sent again can succeed.
     */
    public boolean onlyConflicts() {
        return !anyConditionFailed()
                && reasons.stream().anyMatch(reason -> TRANSACTION_CONFLICT.equals(reason.code()));
    }

    /**
     * The item as it stood when the condition of the action at {@code position} failed, if that
     * action asked for it (ReturnValuesOnConditionCheckFailure.ALL_OLD); else empty.
     */
    public Map<String, AttributeValue> itemAt(int position) {
        if (!conditionFailedAt(position) || !reasons.get(position).hasItem()) {
            return Map.of();
        }
        return reasons.get(position).item();
    }
}

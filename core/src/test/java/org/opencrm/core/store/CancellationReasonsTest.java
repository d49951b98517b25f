package org.opencrm.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Reading why DynamoDB cancelled a transaction, action by action. */
class CancellationReasonsTest {

    private static final CancellationReason NONE =
            CancellationReason.builder().code("None").build();
    private static final CancellationReason CONFLICT =
            CancellationReason.builder().code("TransactionConflict").build();

    private static CancellationReasons of(CancellationReason... reasons) {
        return CancellationReasons.of(
                TransactionCanceledException.builder()
                        .message("cancelled")
                        .cancellationReasons(reasons)
                        .build());
    }

    private static CancellationReason conditionFailed(Map<String, AttributeValue> item) {
        return CancellationReason.builder().code("ConditionalCheckFailed").item(item).build();
    }

    @Test
    void conditionFailedAt_namesTheActionWhoseConditionFailed() {
        // GIVEN a record put that passed and a claim put whose condition failed
        CancellationReasons reasons = of(NONE, conditionFailed(null));

        // THEN the claim's position failed, the record's did not, and positions past the end
        // did not
        assertFalse(reasons.conditionFailedAt(0));
        assertTrue(reasons.conditionFailedAt(1));
        assertFalse(reasons.conditionFailedAt(2));
        assertTrue(reasons.anyConditionFailed());
    }

    @Test
    void onlyConflicts_holdsForTransactionsInTheWay_notForAFailedCondition() {
        assertTrue(of(NONE, CONFLICT).onlyConflicts());
        assertFalse(of(CONFLICT, conditionFailed(null)).onlyConflicts());
        assertFalse(of(NONE, NONE).onlyConflicts());
    }

    @Test
    void itemAt_returnsTheHolderTheFailedConditionFound() {
        // GIVEN a claim whose condition failed, returning the claim as it stood
        Map<String, AttributeValue> holder = Map.of("customerId", AttributeValue.fromS("c-42"));
        CancellationReasons reasons = of(NONE, conditionFailed(holder));

        // THEN that item is there for the failed action, and nothing for the one that passed
        assertEquals("c-42", reasons.itemAt(1).get("customerId").s());
        assertEquals(Map.of(), reasons.itemAt(0));
    }

    @Test
    void aCancellationWithoutReasons_failedNoCondition_andIsNoConflict() {
        CancellationReasons reasons =
                CancellationReasons.of(
                        TransactionCanceledException.builder().message("cancelled").build());

        assertEquals(List.of(), reasons.reasons());
        assertFalse(reasons.conditionFailedAt(0));
        assertFalse(reasons.onlyConflicts());
    }
}

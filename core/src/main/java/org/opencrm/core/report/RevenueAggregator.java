package org.opencrm.core.report;

import java.time.Clock;
import java.util.Map;
import org.opencrm.core.contract.MoneyFactItem;
import org.opencrm.core.store.ItemTables;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The contracts stream's reaction that keeps the revenue aggregates: each new money fact is
 * added to its month's and its day's aggregate exactly once, however often the stream delivers it
 * ({@link RevenueStore#apply}). Contract items and every other change are skipped: a fact is never
 * updated, so only its INSERT counts.
 */
public final class RevenueAggregator {

    private final RevenueStore store;
    private final Clock clock;

    public RevenueAggregator(RevenueStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void onRecord(Record record) {
        if (record.eventName() != OperationType.INSERT || !record.dynamodb().hasNewImage()) {
            return;
        }
        Map<String, AttributeValue> image = record.dynamodb().newImage();
        AttributeValue kind = image.get("kind");
        if (kind == null || !MoneyFactItem.KIND.equals(kind.s())) {
            return;
        }
        store.apply(
                ItemTables.schema(MoneyFactItem.class).mapToItem(image).toFact(), clock.instant());
    }
}

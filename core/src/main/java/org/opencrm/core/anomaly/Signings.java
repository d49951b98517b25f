package org.opencrm.core.anomaly;

import java.time.LocalDate;
import java.util.List;
import org.opencrm.core.contract.MoneyFact;
import org.opencrm.core.contract.MoneyFactItem;
import org.opencrm.core.store.ItemTables;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.Pages;
import org.opencrm.core.store.ShardedIndexQuery;
import org.opencrm.core.store.ShardedIndexQuery.SortRange;
import org.opencrm.core.store.TableNames;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

/**
 * A customer's signed money (signings and voidings) from the contracts table's sparse
 * bySigningCustomer index: key queries by date, never a scan.
 */
public final class Signings {

    private final ShardedIndexQuery<MoneyFactItem> byCustomer;

    public Signings(DynamoDbEnhancedClient enhanced, TableNames tables) {
        this.byCustomer =
                new ShardedIndexQuery<>(
                        ItemTables.index(
                                ItemTables.lazy(enhanced, tables.contracts(), MoneyFactItem.class),
                                MoneyFactItem.BY_SIGNING_CUSTOMER),
                        MoneyFactItem::getSigningSortKey,
                        true);
    }

    /**
     * Every signed fact filed under any of these customer ids dated {@code from} or later, oldest
     * first. Open-ended on purpose: a voiding may be dated long after its signing and still cancels
     * a contract inside an earlier window.
     */
    public List<MoneyFact> since(List<String> customerIds, LocalDate from) {
        List<String> partitions = customerIds.stream().map(Keys::signingCustomer).toList();
        // sort keys are date#factId: the bare date sorts before every fact of that day
        SortRange range = new SortRange(from.toString(), null);
        return Pages.all(page -> byCustomer.page(partitions, page, null, range))
                .map(MoneyFactItem::toFact)
                .toList();
    }
}

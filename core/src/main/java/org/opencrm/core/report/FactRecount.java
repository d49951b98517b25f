package org.opencrm.core.report;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.opencrm.core.contract.Caliber;
import org.opencrm.core.contract.MoneyFact;
import org.opencrm.core.contract.MoneyFactItem;
import org.opencrm.core.store.ItemTables;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.TableNames;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

/**
 * The money facts of one month and caliber, read afresh for reconciliation: every shard of
 * the month's byFactPeriod partition, begins_with the caliber, every page. Never a scan.
 */
public final class FactRecount {

    private static final int PAGE = 1000;

    private final Supplier<DynamoDbIndex<MoneyFactItem>> byPeriod;

    public FactRecount(DynamoDbEnhancedClient enhanced, TableNames tables) {
        this.byPeriod =
                ItemTables.index(
                        ItemTables.lazy(enhanced, tables.contracts(), MoneyFactItem.class),
                        MoneyFactItem.BY_FACT_PERIOD);
    }

    public List<MoneyFact> facts(YearMonth month, Caliber caliber) {
        List<MoneyFact> facts = new ArrayList<>();
        for (String shard : Keys.factPeriodShards(month.toString())) {
            QueryEnhancedRequest request =
                    QueryEnhancedRequest.builder()
                            .queryConditional(
                                    QueryConditional.sortBeginsWith(
                                            Key.builder()
                                                    .partitionValue(shard)
                                                    .sortValue(
                                                            Keys.factPeriodCaliber(caliber.name()))
                                                    .build()))
                            .limit(PAGE)
                            .build();
            byPeriod.get()
                    .query(request)
                    .forEach(page -> page.items().forEach(item -> facts.add(item.toFact())));
        }
        return facts;
    }
}

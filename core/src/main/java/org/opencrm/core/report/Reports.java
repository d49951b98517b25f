package org.opencrm.core.report;

import java.time.Clock;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.config.ConfigStore;
import org.opencrm.core.notify.NotificationOutbox;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.user.UserService;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Revenue reporting (issue 16, R-19..R-21), wired once: the aggregates' stream reaction, the {@code
 * revenue} answers, the versioned report definitions and the nightly reconciliation.
 */
public record Reports(
        RevenueAggregator aggregator,
        RevenueService revenue,
        ReportDefinitions definitions,
        RevenueReconciler reconciler) {

    /** What reporting is built over. */
    public record Over(
            DynamoDbClient dynamo,
            DynamoDbEnhancedClient enhanced,
            TableNames tables,
            AccessPolicy policy,
            ConfigService config,
            UserService users,
            NotificationOutbox outbox,
            Clock clock) {}

    /**
     * @param chartLinks the link to a month's calibers chart in the monthly message
     */
    public static Reports build(Over over, MonthlyChartLinks chartLinks) {
        RevenueStore store = new RevenueStore(over.dynamo(), over.tables());
        ReportDefinitions definitions =
                new ReportDefinitions(
                        new ConfigStore(over.enhanced(), over.tables()), over.clock());
        return new Reports(
                new RevenueAggregator(store, over.clock()),
                new RevenueService(store, definitions, over.policy()),
                definitions,
                new RevenueReconciler(
                        new RevenueReconciler.Parts(
                                store,
                                new FactRecount(over.enhanced(), over.tables()),
                                definitions,
                                over.config(),
                                over.users(),
                                over.outbox(),
                                chartLinks,
                                over.clock())));
    }
}

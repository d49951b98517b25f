package org.opencrm.infra.demo;

import java.time.Clock;
import java.time.Instant;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerStage;
import org.opencrm.core.customer.CustomerStore;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The demo customers' stages as a deployment from before deals stored them: set on the customer
 * itself, straight in the table, since no API sets a stage any more. The deal migration then gives
 * each such customer its deal.
 */
public final class DemoLegacyStages implements DemoData.LegacyStage {

    private static final String ACTOR = "demo-data";

    private final CustomerStore customers;
    private final Clock clock;

    public DemoLegacyStages(DynamoDbClient dynamo, TableNames tables, Clock clock) {
        this.customers = new CustomerStore(DynamoClients.enhanced(dynamo), tables);
        this.clock = clock;
    }

    @Override
    public void set(String customerId, String stage) {
        Customer current = customers.find(customerId).orElseThrow();
        Instant now = clock.instant();
        customers.replace(
                current,
                current.withFields(
                        current.fields().toBuilder().stage(CustomerStage.valueOf(stage)).build(),
                        now),
                new WriteStamp(ACTOR, "demo:" + customerId, null, now));
    }
}

package org.opencrm.core.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.opencrm.core.identity.ClaimItem;
import org.opencrm.core.store.BatchRetry;
import org.opencrm.core.store.ItemTables;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.Keys.IdentityKind;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Seeds many customers fast (benchmarks, demo data at scale) with BatchWriteItem, writing each
 * customer's identity claims alongside. Unlike {@link CustomerStore#insert} it is not transactional
 * and does not check uniqueness: the caller guarantees distinct phones and emails. A versioned
 * schema cannot be used in a batch, so this uses a client without extensions and sets version 1
 * itself.
 */
public final class CustomerBulkLoader {

    private static final int BATCH_LIMIT = 25;

    private final DynamoDbEnhancedClient plain;
    private final Supplier<DynamoDbTable<CustomerItem>> customers;
    private final Supplier<DynamoDbTable<ClaimItem>> identities;

    public CustomerBulkLoader(DynamoDbClient dynamo, TableNames tables) {
        this.plain = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).extensions().build();
        this.customers = ItemTables.lazy(plain, tables.customers(), CustomerItem.class);
        this.identities = ItemTables.lazy(plain, tables.identity(), ClaimItem.class);
    }

    /**
     * Writes the customers (at version 1) and their claims; returns how many customers were
     * written.
     */
    public int load(List<Customer> batch, WriteStamp stamp) {
        List<Object> items = new ArrayList<>();
        for (Customer customer : batch) {
            CustomerItem item = CustomerItem.from(customer, stamp);
            item.setVersion(1L);
            items.add(item);
            CustomerFields fields = customer.fields();
            customer.externalIds()
                    .forEach(
                            (system, externalId) ->
                                    items.add(
                                            ClaimItem.forCustomer(
                                                    Keys.externalId(system, externalId),
                                                    customer.id(),
                                                    stamp.at())));
            if (fields.phone() != null) {
                items.add(
                        ClaimItem.forCustomer(
                                Keys.identity(IdentityKind.PHONE, fields.phone()),
                                customer.id(),
                                stamp.at()));
            }
            if (fields.email() != null) {
                items.add(
                        ClaimItem.forCustomer(
                                Keys.identity(IdentityKind.EMAIL, fields.email()),
                                customer.id(),
                                stamp.at()));
            }
        }
        for (int from = 0; from < items.size(); from += BATCH_LIMIT) {
            write(items.subList(from, Math.min(items.size(), from + BATCH_LIMIT)));
        }
        return batch.size();
    }

    /** One request; DynamoDB may accept part of it under load, and BatchRetry resends the rest. */
    private void write(List<Object> chunk) {
        BatchRetry.standard()
                .sendAll(
                        chunk,
                        pending -> {
                            BatchWriteResult result = plain.batchWriteItem(requestFor(pending));
                            List<Object> unprocessed =
                                    new ArrayList<>(
                                            result.unprocessedPutItemsForTable(customers.get()));
                            unprocessed.addAll(
                                    result.unprocessedPutItemsForTable(identities.get()));
                            return unprocessed;
                        });
    }

    private BatchWriteItemEnhancedRequest requestFor(List<Object> items) {
        WriteBatch.Builder<CustomerItem> customerWrites =
                WriteBatch.builder(CustomerItem.class).mappedTableResource(customers.get());
        WriteBatch.Builder<ClaimItem> identityWrites =
                WriteBatch.builder(ClaimItem.class).mappedTableResource(identities.get());
        for (Object item : items) {
            if (item instanceof CustomerItem customer) {
                customerWrites.addPutItem(customer);
            } else {
                identityWrites.addPutItem((ClaimItem) item);
            }
        }
        return BatchWriteItemEnhancedRequest.builder()
                .addWriteBatch(customerWrites.build())
                .addWriteBatch(identityWrites.build())
                .build();
    }
}

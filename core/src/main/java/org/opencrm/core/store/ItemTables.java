package org.opencrm.core.store;

import java.util.Optional;
import java.util.function.Supplier;
import org.opencrm.core.runtime.Once;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;

/**
 * The Enhanced Client's bean tables, built on first use.
 *
 * <p>Why: a bean schema is built by reflection, with a generated class per attribute accessor;
 * building all of them (about thirty item classes) took about a third of a cold API function's
 * start, while one request needs two or three. Stores are still built once per container, and each
 * schema is built once per class and shared by every store that maps it.
 */
public final class ItemTables {

    private static final ClassValue<TableSchema<?>> BEAN_SCHEMAS =
            new ClassValue<>() {
                @Override
                protected TableSchema<?> computeValue(Class<?> itemClass) {
                    return TableSchema.fromBean(itemClass);
                }
            };

    /**
     * The condition of every create: no item under this id yet. A retried or raced create is then
     * refused, never written over the item the first one made.
     */
    public static final String ID_IS_NEW = "attribute_not_exists(id)";

    /** {@link #ID_IS_NEW} for the Enhanced Client's requests. */
    public static final Expression NEW_ID = Expression.builder().expression(ID_IS_NEW).build();

    private ItemTables() {}

    /** The bean schema of an item class, built on its first call. */
    @SuppressWarnings("unchecked") // computed by fromBean(itemClass): a TableSchema<T>
    public static <T> TableSchema<T> schema(Class<T> itemClass) {
        return (TableSchema<T>) BEAN_SCHEMAS.get(itemClass);
    }

    /** A table of bean items, with its schema, built on the first {@code get()}. */
    public static <T> Supplier<DynamoDbTable<T>> lazy(
            DynamoDbEnhancedClient enhanced, String tableName, Class<T> itemClass) {
        return new Once<>(() -> enhanced.table(tableName, schema(itemClass)));
    }

    /** An index of such a table, built (with the table) on the first {@code get()}. */
    public static <T> Supplier<DynamoDbIndex<T>> index(
            Supplier<DynamoDbTable<T>> table, String indexName) {
        return new Once<>(() -> table.get().index(indexName));
    }

    /**
     * The item under a partition key, read strongly consistent: a record is read by id to be shown
     * or changed right after a write (one's own, or the stream's), which an eventually consistent
     * read may not see yet.
     */
    public static <T> Optional<T> latest(DynamoDbTable<T> table, String partitionKey) {
        return Optional.ofNullable(
                table.getItem(
                        GetItemEnhancedRequest.builder()
                                .key(Key.builder().partitionValue(partitionKey).build())
                                .consistentRead(true)
                                .build()));
    }
}

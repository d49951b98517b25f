package org.opencrm.core.config;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.paging.Cursor;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.ItemTables;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The configuration table: one immutable item per (name, version), the highest version
 * current. A version is only ever inserted, never overwritten, so two writers who read the same
 * current version race for the same next one and exactly one wins.
 */
public final class ConfigStore {

    private static final Expression NEW_VERSION =
            Expression.builder()
                    .expression("attribute_not_exists(#version)")
                    .putExpressionName("#version", ConfigItem.SORT_KEY)
                    .build();

    private final Supplier<DynamoDbTable<ConfigItem>> config;

    public ConfigStore(DynamoDbEnhancedClient enhanced, TableNames tables) {
        this.config = ItemTables.lazy(enhanced, tables.config(), ConfigItem.class);
    }

    /** The current version, if the configuration was ever set. */
    public Optional<ConfigVersion> latest(String name) {
        QueryEnhancedRequest newest =
                QueryEnhancedRequest.builder()
                        .queryConditional(
                                QueryConditional.keyEqualTo(
                                        Key.builder().partitionValue(name).build()))
                        .scanIndexForward(false)
                        .limit(1)
                        .consistentRead(true)
                        .build();
        return config.get().query(newest).items().stream().findFirst().map(ConfigItem::toVersion);
    }

    public Optional<ConfigVersion> find(String name, long version) {
        ConfigItem item =
                config.get()
                        .getItem(
                                GetItemEnhancedRequest.builder()
                                        .key(
                                                Key.builder()
                                                        .partitionValue(name)
                                                        .sortValue(version)
                                                        .build())
                                        .consistentRead(true)
                                        .build());
        return Optional.ofNullable(item).map(ConfigItem::toVersion);
    }

    /** Newest first. */
    public Page<ConfigVersion> history(String name, PageRequest page) {
        QueryConditional condition =
                page.afterSortKey()
                        .map(
                                after ->
                                        QueryConditional.sortLessThan(
                                                Key.builder()
                                                        .partitionValue(name)
                                                        .sortValue(version(after))
                                                        .build()))
                        .orElse(
                                QueryConditional.keyEqualTo(
                                        Key.builder().partitionValue(name).build()));
        QueryEnhancedRequest query =
                QueryEnhancedRequest.builder()
                        .queryConditional(condition)
                        .scanIndexForward(false)
                        // one more than a page tells us whether there is a next page
                        .limit(page.first() + 1)
                        .consistentRead(true)
                        .build();
        Iterator<ConfigItem> items = config.get().query(query).items().iterator();
        List<Page.Entry<ConfigVersion>> entries = new ArrayList<>();
        while (items.hasNext() && entries.size() < page.first()) {
            ConfigVersion version = items.next().toVersion();
            entries.add(
                    new Page.Entry<>(
                            version,
                            Cursor.encode(
                                    String.format(
                                            // wide enough for any long, so the
                                            // cursor's text order is the version order
                                            "%019d", version.version()))));
        }
        return new Page<>(entries, items.hasNext());
    }

    /**
     * Writes {@code version} unless that version number is taken; the author and time stored are
     * the stamp's. Returns the version as stored.
     */
    public ConfigVersion insert(ConfigVersion version, WriteStamp stamp) {
        ConfigItem item = ConfigItem.from(version, stamp);
        try {
            config.get()
                    .putItem(
                            PutItemEnhancedRequest.builder(ConfigItem.class)
                                    .item(item)
                                    .conditionExpression(NEW_VERSION)
                                    .build());
            return item.toVersion();
        } catch (ConditionalCheckFailedException taken) {
            long current = latest(version.name()).map(ConfigVersion::version).orElse(0L);
            throw new VersionConflictException(version.name(), version.version() - 1, current);
        }
    }

    private static long version(String cursorKey) {
        try {
            return Long.parseLong(cursorKey);
        } catch (NumberFormatException notOurs) {
            throw new ValidationException(
                    FieldProblem.of(
                            "after", "cursor", "must be an endCursor returned by this list"));
        }
    }
}

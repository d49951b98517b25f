package org.opencrm.core.user;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.BatchGet;
import org.opencrm.core.store.EqualityFilter;
import org.opencrm.core.store.ItemTables;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.ShardedIndexQuery;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The users table. Every write is version-checked; lists are index queries by name. */
public final class UserStore {

    private final Supplier<DynamoDbTable<UserItem>> users;
    private final ShardedIndexQuery<UserItem> byOrg;
    private final ShardedIndexQuery<UserItem> byTeam;
    private final DynamoDbEnhancedClient enhanced;
    private final ShardedIndexQuery<UserItem> byRegion;

    public UserStore(DynamoDbEnhancedClient enhanced, TableNames tables) {
        this(enhanced, tables.users());
    }

    /** Over the users table alone, e.g. for bootstrapping the first admin of a deployed stack. */
    public UserStore(DynamoDbEnhancedClient enhanced, String usersTable) {
        this.enhanced = enhanced;
        this.users = ItemTables.lazy(enhanced, usersTable, UserItem.class);
        this.byOrg =
                new ShardedIndexQuery<>(
                        ItemTables.index(users, UserItem.BY_ORG), UserItem::getNameKey, true);
        this.byTeam =
                new ShardedIndexQuery<>(
                        ItemTables.index(users, UserItem.BY_TEAM), UserItem::getNameKey, true);
        this.byRegion =
                new ShardedIndexQuery<>(
                        ItemTables.index(users, UserItem.BY_REGION), UserItem::getNameKey, true);
    }

    /**
     * A transaction's check that the user is still ACTIVE: a lead placed on a rep by the system
     * fails with the rep's suspension or departure instead of landing on someone who can no longer
     * work it (another container may still hold them in its cached roster).
     */
    public ConditionCheck stillActive(String userId) {
        return ConditionCheck.builder()
                .tableName(users.get().tableName())
                .key(
                        Key.builder()
                                .partitionValue(userId)
                                .build()
                                .keyMap(
                                        users.get().tableSchema(),
                                        TableMetadata.primaryIndexName()))
                .conditionExpression("#status = :active")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(
                        Map.of(":active", AttributeValue.fromS(UserStatus.ACTIVE.name())))
                .build();
    }

    /** The users that exist among these ids, by id: one batch read per 100. */
    public Map<String, User> findAll(Collection<String> ids) {
        List<Key> keys = ids.stream().map(id -> Key.builder().partitionValue(id).build()).toList();
        Map<String, User> found = new LinkedHashMap<>();
        BatchGet.items(enhanced, users.get(), keys).stream()
                .map(UserItem::toUser)
                .forEach(user -> found.put(user.id(), user));
        return found;
    }

    /** A user as a stream record's image shows it; null for no image. */
    public static User fromImage(Map<String, AttributeValue> image) {
        return image == null || image.isEmpty()
                ? null
                : ItemTables.schema(UserItem.class).mapToItem(image).toUser();
    }

    public Optional<User> find(String id) {
        return ItemTables.latest(users.get(), id).map(UserItem::toUser);
    }

    /** Writes a new user; false when the id is taken. */
    public Optional<User> insert(User user, WriteStamp stamp) {
        try {
            users.get()
                    .putItem(
                            PutItemEnhancedRequest.builder(UserItem.class)
                                    .item(UserItem.from(user, stamp))
                                    .conditionExpression(ItemTables.NEW_ID)
                                    .build());
        } catch (ConditionalCheckFailedException taken) {
            return Optional.empty();
        }
        return Optional.of(user.atVersion(1, stamp.at()));
    }

    /** Replaces {@code previous} with {@code next} if nobody wrote in between. */
    public User replace(User previous, User next, WriteStamp stamp) {
        try {
            users.get().putItem(UserItem.from(next, stamp));
        } catch (ConditionalCheckFailedException stale) {
            long current = find(next.id()).map(User::version).orElse(0L);
            throw new VersionConflictException(next.id(), previous.version(), current);
        }
        return next.atVersion(previous.version() + 1, stamp.at());
    }

    public Page<User> list(UserFilter filter, PageRequest page) {
        if (filter.team() != null) {
            return byTeam.page(List.of(Keys.userTeam(filter.team())), page, residual(filter, true))
                    .map(UserItem::toUser);
        }
        if (filter.region() != null) {
            return byRegion.page(
                            List.of(Keys.userRegion(filter.region())),
                            page,
                            residual(filter, false))
                    .map(UserItem::toUser);
        }
        return byOrg.page(List.of(Keys.userOrg()), page, residual(filter, false))
                .map(UserItem::toUser);
    }

    /** The filter terms the chosen index does not already apply. */
    private static Expression residual(UserFilter filter, boolean withRegion) {
        Map<String, String> terms = new LinkedHashMap<>();
        terms.put("role", filter.role() == null ? null : filter.role().name());
        terms.put("status", filter.status() == null ? null : filter.status().name());
        terms.put("region", withRegion ? filter.region() : null);
        return EqualityFilter.of(terms);
    }
}

package org.opencrm.core.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.access.Caller;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.store.JsonText;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.TableNames;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A user's own channels per kind, one small item per user beside the counters: apart from
 * the admin-edited {@code notifications} configuration, so an admin's edit or rollback never
 * touches anyone's choice.
 */
public final class NotificationPreferences {

    /**
     * What a user may choose for themselves; SMS goes to customers and FINANCE to finance, never by
     * choice.
     */
    public static final List<String> USER_CHANNELS = List.of("INBOX", "ROBOT");

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, List<String>>>
            CHOICES = new com.fasterxml.jackson.core.type.TypeReference<>() {};

    private final DynamoDbClient dynamo;
    private final String table;

    public NotificationPreferences(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.counters();
    }

    /** The user's choices, kind → channels; empty when they made none. */
    public Map<String, List<String>> of(String userId) {
        Map<String, AttributeValue> item =
                dynamo.getItem(
                                request ->
                                        request.tableName(table)
                                                .consistentRead(true)
                                                .key(
                                                        Map.of(
                                                                "counterKey",
                                                                AttributeValue.fromS(
                                                                        Keys
                                                                                .notificationPreferences(
                                                                                        userId)))))
                        .item();
        if (item == null || !item.containsKey("choicesJson")) {
            return Map.of();
        }
        return JsonText.read(item.get("choicesJson").s(), CHOICES);
    }

    /** Sets the caller's channels for one kind; their other choices stay. */
    public List<String> set(NotificationKind kind, List<String> channels, Caller caller) {
        if (channels == null || !USER_CHANNELS.containsAll(channels)) {
            throw new ValidationException(
                    new FieldProblem(
                            "channels",
                            "channel",
                            "must be among " + USER_CHANNELS + ", got " + channels,
                            USER_CHANNELS));
        }
        Map<String, List<String>> choices = new LinkedHashMap<>(of(caller.userId()));
        choices.put(kind.name(), List.copyOf(channels));
        dynamo.putItem(
                request ->
                        request.tableName(table)
                                .item(
                                        Map.of(
                                                "counterKey",
                                                        AttributeValue.fromS(
                                                                Keys.notificationPreferences(
                                                                        caller.userId())),
                                                "choicesJson",
                                                        AttributeValue.fromS(
                                                                JsonText.write(choices)))));
        return List.copyOf(channels);
    }
}

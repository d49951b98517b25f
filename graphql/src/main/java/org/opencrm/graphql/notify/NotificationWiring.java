package org.opencrm.graphql.notify;

import static org.opencrm.graphql.RequestContext.caller;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.opencrm.core.notify.Delivery;
import org.opencrm.core.notify.Dispatcher;
import org.opencrm.core.notify.Inbox;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.notify.NotificationPreferences;
import org.opencrm.core.notify.UnreadCount;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.graphql.customer.CustomerNode;
import org.opencrm.graphql.loaders.SyncStatusLoader;
import org.opencrm.graphql.loaders.UnreadCountLoader;
import org.opencrm.graphql.relay.Connections;

/** Binds notification.graphqls to the in-app inbox: always the caller's own. */
public final class NotificationWiring {

    private final Inbox inbox;
    private final NotificationPreferences preferences;
    private final Dispatcher dispatcher;

    public NotificationWiring(
            Inbox inbox, NotificationPreferences preferences, Dispatcher dispatcher) {
        this.inbox = inbox;
        this.preferences = preferences;
        this.dispatcher = dispatcher;
    }

    public void register(RuntimeWiring.Builder wiring) {
        wiring.type(
                "Query",
                type ->
                        type.dataFetcher("notifications", this::queryNotifications)
                                .dataFetcher(
                                        "unreadCount",
                                        env -> unreadCount(env).thenApply(UnreadCount::count))
                                .dataFetcher(
                                        "unreadCountCapped",
                                        env -> unreadCount(env).thenApply(UnreadCount::capped))
                                .dataFetcher("deliveryFailures", this::queryDeliveryFailures));
        wiring.type(
                "Mutation",
                type ->
                        type.dataFetcher(
                                        "markNotificationsRead",
                                        env ->
                                                inbox.markRead(
                                                        caller(env).userId(),
                                                        env.getArgument("ids")))
                                .dataFetcher(
                                        "setNotificationPreferences",
                                        this::mutationSetNotificationPreferences));
        // every customer of the response in one batch: see SyncStatusLoader
        wiring.type(
                "Customer",
                type ->
                        type.dataFetcher(
                                "syncStatus",
                                env -> {
                                    CustomerNode customer = env.getSource();
                                    DataLoader<String, Delivery> statuses =
                                            env.getDataLoader(SyncStatusLoader.NAME);
                                    return statuses.load(customer.id());
                                }));
        // Notification.channels needs no fetcher: NotificationNode carries them from its read
    }

    private static CompletableFuture<UnreadCount> unreadCount(DataFetchingEnvironment env) {
        DataLoader<String, UnreadCount> badge = env.getDataLoader(UnreadCountLoader.NAME);
        return badge.load(caller(env).userId());
    }

    private List<NotificationNode> queryDeliveryFailures(DataFetchingEnvironment env) {
        return dispatcher.failures(env.getArgument("from"), env.getArgument("to")).stream()
                .map(NotificationNode::of)
                .toList();
    }

    private List<String> mutationSetNotificationPreferences(DataFetchingEnvironment env) {
        NotificationKind kind = NotificationKind.valueOf(env.getArgument("kind").toString());
        return preferences.set(kind, env.getArgument("channels"), caller(env));
    }

    private Object queryNotifications(DataFetchingEnvironment env) {
        PageRequest page = PageRequest.of(env.getArgument("first"), env.getArgument("after"));
        boolean unreadOnly = Boolean.TRUE.equals(env.getArgument("unreadOnly"));
        return Connections.of(
                inbox.page(caller(env).userId(), unreadOnly, page).map(NotificationNode::of));
    }
}

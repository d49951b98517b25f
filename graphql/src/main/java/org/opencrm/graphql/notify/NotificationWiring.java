package org.opencrm.graphql.notify;

import static org.opencrm.graphql.RequestContext.caller;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.List;
import org.opencrm.core.financesync.FinanceSync;
import org.opencrm.core.notify.DeliveryStore;
import org.opencrm.core.notify.Dispatcher;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.notify.NotificationOutbox;
import org.opencrm.core.notify.NotificationPreferences;
import org.opencrm.core.store.PageRequest;
import org.opencrm.graphql.relay.Connections;

/** Binds notification.graphqls to the in-app inbox: always the caller's own. */
public final class NotificationWiring {

    private final NotificationOutbox outbox;
    private final DeliveryStore deliveries;
    private final NotificationPreferences preferences;

    private final FinanceSync financeSync;

    private final Dispatcher dispatcher;

    public NotificationWiring(
            NotificationOutbox outbox,
            DeliveryStore deliveries,
            NotificationPreferences preferences,
            FinanceSync financeSync,
            Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.financeSync = financeSync;
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.preferences = preferences;
    }

    public void register(RuntimeWiring.Builder wiring) {
        wiring.type(
                "Query",
                type ->
                        type.dataFetcher("notifications", this::queryNotifications)
                                .dataFetcher(
                                        "unreadCount",
                                        env -> deliveries.unreadCount(caller(env).userId()))
                                .dataFetcher("deliveryFailures", this::queryDeliveryFailures));
        wiring.type(
                "Mutation",
                type ->
                        type.dataFetcher(
                                        "markNotificationsRead",
                                        env ->
                                                deliveries.markRead(
                                                        caller(env).userId(),
                                                        env.getArgument("ids")))
                                .dataFetcher(
                                        "setNotificationPreferences",
                                        this::mutationSetNotificationPreferences));
        wiring.type(
                "Customer",
                type ->
                        type.dataFetcher(
                                "syncStatus",
                                env -> {
                                    org.opencrm.graphql.customer.CustomerNode customer =
                                            env.getSource();
                                    return financeSync.status(customer.id()).orElse(null);
                                }));
        wiring.type(
                "Notification",
                type ->
                        type.dataFetcher(
                                "channels",
                                env -> {
                                    Notification notification = env.getSource();
                                    return deliveries
                                            .find(notification.id())
                                            .map(DeliveryStore.Tracked::deliveries)
                                            .orElse(List.of());
                                }));
    }

    private List<Notification> queryDeliveryFailures(DataFetchingEnvironment env) {
        return dispatcher.failures(env.getArgument("from"), env.getArgument("to"));
    }

    private List<String> mutationSetNotificationPreferences(DataFetchingEnvironment env) {
        NotificationKind kind = NotificationKind.valueOf(env.getArgument("kind").toString());
        return preferences.set(kind, env.getArgument("channels"), caller(env));
    }

    private Object queryNotifications(DataFetchingEnvironment env) {
        PageRequest page = PageRequest.of(env.getArgument("first"), env.getArgument("after"));
        boolean unreadOnly = Boolean.TRUE.equals(env.getArgument("unreadOnly"));
        return Connections.of(outbox.inbox(caller(env).userId(), unreadOnly, page));
    }
}

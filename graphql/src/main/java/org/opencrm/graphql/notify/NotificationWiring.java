package org.opencrm.graphql.notify;

import static org.opencrm.graphql.RequestContext.caller;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import org.opencrm.core.notify.NotificationOutbox;
import org.opencrm.core.store.PageRequest;
import org.opencrm.graphql.relay.Connections;

/** Binds notification.graphqls to the in-app inbox: always the caller's own. */
public final class NotificationWiring {

    private final NotificationOutbox outbox;

    public NotificationWiring(NotificationOutbox outbox) {
        this.outbox = outbox;
    }

    public void register(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type.dataFetcher("notifications", this::queryNotifications));
    }

    private Object queryNotifications(DataFetchingEnvironment env) {
        PageRequest page = PageRequest.of(env.getArgument("first"), env.getArgument("after"));
        boolean unreadOnly = Boolean.TRUE.equals(env.getArgument("unreadOnly"));
        return Connections.of(outbox.inbox(caller(env).userId(), unreadOnly, page));
    }
}

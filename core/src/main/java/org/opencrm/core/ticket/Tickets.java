package org.opencrm.core.ticket;

import java.time.Clock;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.customer.CustomerService;
import org.opencrm.core.notify.NotificationOutbox;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.user.UserService;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

/** Issue 17's service tickets wired once: the use cases, the sweep and the store they share. */
public final class Tickets {

    private final TicketStore store;
    private final TicketService service;
    private final TicketSweep sweep;

    /** What tickets are built over. */
    public record Over(
            DynamoDbEnhancedClient enhanced,
            TableNames tables,
            CustomerService customers,
            UserService users,
            NotificationOutbox outbox,
            ConfigService config,
            AccessPolicy policy,
            Clock clock) {}

    private Tickets(TicketStore store, TicketService service, TicketSweep sweep) {
        this.store = store;
        this.service = service;
        this.sweep = sweep;
    }

    public static Tickets build(Over over) {
        TicketStore store = new TicketStore(over.enhanced(), over.tables());
        return new Tickets(
                store,
                new TicketService(
                        new TicketService.Parts(
                                store,
                                over.customers(),
                                over.users(),
                                over.config(),
                                over.policy(),
                                over.clock())),
                new TicketSweep(
                        new TicketSweep.Parts(
                                store,
                                over.customers(),
                                over.users(),
                                over.outbox(),
                                over.config(),
                                over.clock())));
    }

    public TicketStore store() {
        return store;
    }

    public TicketService service() {
        return service;
    }

    public TicketSweep sweep() {
        return sweep;
    }
}

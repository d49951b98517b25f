package org.opencrm.graphql.ticket;

import static org.opencrm.graphql.RequestContext.caller;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.ticket.Ticket;
import org.opencrm.core.ticket.TicketFilter;
import org.opencrm.core.ticket.TicketInput;
import org.opencrm.core.ticket.TicketService;
import org.opencrm.core.ticket.TicketSuggestions;
import org.opencrm.graphql.Inputs;
import org.opencrm.graphql.customer.CustomerNode;
import org.opencrm.graphql.loaders.VisibleRecordLoader;
import org.opencrm.graphql.relay.Connections;

/**
 * Binds tickets.graphqls to the ticket use cases (issue 17). A ticket is its own node (no money to
 * format); its customer is batched with every other record read of the response.
 */
public final class TicketWiring {

    private final TicketService tickets;

    public TicketWiring(TicketService tickets) {
        this.tickets = tickets;
    }

    public void register(RuntimeWiring.Builder wiring) {
        wiring.type(
                "Query",
                type ->
                        type.dataFetcher(
                                        "ticket",
                                        env -> tickets.get(env.getArgument("id"), caller(env)))
                                .dataFetcher("tickets", this::queryTickets)
                                .dataFetcher("ticketSuggestions", this::querySuggestions));
        wiring.type(
                "Mutation",
                type ->
                        type.dataFetcher("openTicket", this::mutationOpen)
                                .dataFetcher(
                                        "assignTicket",
                                        env ->
                                                tickets.assign(
                                                        env.getArgument("id"),
                                                        version(env),
                                                        env.getArgument("assigneeId"),
                                                        caller(env)))
                                .dataFetcher(
                                        "addTicketAction",
                                        env ->
                                                tickets.addAction(
                                                        env.getArgument("id"),
                                                        version(env),
                                                        env.getArgument("text"),
                                                        caller(env)))
                                .dataFetcher(
                                        "awaitCustomer",
                                        env ->
                                                tickets.awaitCustomer(
                                                        env.getArgument("id"),
                                                        version(env),
                                                        caller(env)))
                                .dataFetcher(
                                        "customerResponded",
                                        env ->
                                                tickets.customerResponded(
                                                        env.getArgument("id"),
                                                        version(env),
                                                        caller(env)))
                                .dataFetcher(
                                        "resolveTicket",
                                        env ->
                                                tickets.resolve(
                                                        env.getArgument("id"),
                                                        version(env),
                                                        env.getArgument("resolution"),
                                                        env.getArgument("effective"),
                                                        caller(env)))
                                .dataFetcher(
                                        "closeTicket",
                                        env ->
                                                tickets.close(
                                                        env.getArgument("id"),
                                                        version(env),
                                                        caller(env)))
                                .dataFetcher(
                                        "reopenTicket",
                                        env ->
                                                tickets.reopen(
                                                        env.getArgument("id"),
                                                        version(env),
                                                        env.getArgument("reason"),
                                                        caller(env))));
        wiring.type("Ticket", type -> type.dataFetcher("customer", TicketWiring::customer));
    }

    private static long version(DataFetchingEnvironment env) {
        Integer expected = env.getArgument("expectedVersion");
        return expected;
    }

    private Ticket mutationOpen(DataFetchingEnvironment env) {
        return tickets.open(Inputs.bind(env.getArgument("input"), TicketInput.class), caller(env));
    }

    private Object queryTickets(DataFetchingEnvironment env) {
        PageRequest page = PageRequest.of(env.getArgument("first"), env.getArgument("after"));
        TicketFilter asked = Inputs.bind(env.getArgument("filter"), TicketFilter.class);
        return Connections.of(
                tickets.list(asked == null ? TicketFilter.NONE : asked, page, caller(env)));
    }

    private TicketSuggestions querySuggestions(DataFetchingEnvironment env) {
        return tickets.suggestions(env.getArgument("ticketId"), caller(env));
    }

    /** The customer, batched with every other record read of the response; null out of scope. */
    private static CompletableFuture<CustomerNode> customer(DataFetchingEnvironment env) {
        Ticket ticket = env.getSource();
        DataLoader<String, Customer> loader = env.getDataLoader(VisibleRecordLoader.CUSTOMER);
        return loader.load(ticket.customerId(), caller(env))
                .thenApply(customer -> customer == null ? null : CustomerNode.of(customer));
    }
}

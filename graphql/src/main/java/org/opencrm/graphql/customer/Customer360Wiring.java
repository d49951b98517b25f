package org.opencrm.graphql.customer;

import static org.opencrm.graphql.RequestContext.caller;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.opencrm.core.CoreServices;
import org.opencrm.core.audit.AuditService;
import org.opencrm.core.deal.DealService;
import org.opencrm.core.deal.Pipeline;
import org.opencrm.core.files.Attachment;
import org.opencrm.core.lead.LeadService;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.timeline.CustomerTimeline;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserService;
import org.opencrm.graphql.deal.DealNode;
import org.opencrm.graphql.files.FileWiring;
import org.opencrm.graphql.lead.LeadNode;
import org.opencrm.graphql.loaders.UserLoader;
import org.opencrm.graphql.relay.Connections;

/**
 * The customer's whole story on the {@code Customer} type (customer360.graphqls): the owner through
 * the request's batch loader, every other part one paged index query (or a few side by side).
 */
public final class Customer360Wiring {

    private final UserService users;
    private final LeadService leads;
    private final DealService deals;
    private final AuditService audit;
    private final CustomerTimeline timeline;

    private Customer360Wiring(CoreServices backend) {
        this.users = backend.users();
        this.leads = backend.leads();
        this.deals = backend.deals();
        this.audit = backend.audit();
        this.timeline = backend.timeline();
    }

    public static Customer360Wiring over(CoreServices backend) {
        return new Customer360Wiring(backend);
    }

    public void register(RuntimeWiring.Builder wiring) {
        wiring.type(
                "Customer",
                type ->
                        type.dataFetcher("owner", this::owner)
                                .dataFetcher("leads", this::leads)
                                .dataFetcher("deals", this::deals)
                                .dataFetcher("attachments", Customer360Wiring::attachments)
                                .dataFetcher("auditTrail", this::auditTrail)
                                .dataFetcher("timeline", this::timeline));
    }

    private CompletableFuture<User> owner(DataFetchingEnvironment env) {
        CustomerNode customer = env.getSource();
        DataLoader<String, User> loader = env.getDataLoader(UserLoader.NAME);
        return loader.load(customer.ownerId())
                .thenApply(
                        owner -> owner != null && users.mayRead(owner, caller(env)) ? owner : null);
    }

    private Object leads(DataFetchingEnvironment env) {
        CustomerNode customer = env.getSource();
        return Connections.of(
                leads.ofCustomer(customer.id(), page(env), caller(env)).map(LeadNode::of));
    }

    private Object deals(DataFetchingEnvironment env) {
        CustomerNode customer = env.getSource();
        Pipeline pipeline = deals.currentPipeline();
        return Connections.of(
                deals.ofCustomer(customer.id(), page(env), caller(env))
                        .map(deal -> DealNode.of(deal, pipeline)));
    }

    private static CompletableFuture<List<Attachment>> attachments(DataFetchingEnvironment env) {
        CustomerNode customer = env.getSource();
        return FileWiring.ofRecord(env, customer.id());
    }

    private Object auditTrail(DataFetchingEnvironment env) {
        CustomerNode customer = env.getSource();
        return Connections.of(audit.trail(customer.id(), page(env), caller(env)));
    }

    private Object timeline(DataFetchingEnvironment env) {
        CustomerNode customer = env.getSource();
        return Connections.of(timeline.of(customer.id(), page(env), caller(env)));
    }

    private static PageRequest page(DataFetchingEnvironment env) {
        return PageRequest.of(env.getArgument("first"), env.getArgument("after"));
    }
}

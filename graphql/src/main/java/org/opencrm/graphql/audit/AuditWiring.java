package org.opencrm.graphql.audit;

import static org.opencrm.graphql.RequestContext.caller;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.time.Instant;
import org.opencrm.core.audit.AuditService;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.graphql.relay.Connections;

/** Binds audit.graphqls to the audit trail. */
public final class AuditWiring {

    private final AuditService audit;

    public AuditWiring(AuditService audit) {
        this.audit = audit;
    }

    public void register(RuntimeWiring.Builder wiring) {
        wiring.type(
                "Query",
                type ->
                        type.dataFetcher("auditTrail", this::queryAuditTrail)
                                .dataFetcher("auditByActor", this::queryAuditByActor));
    }

    private Object queryAuditTrail(DataFetchingEnvironment env) {
        PageRequest page = PageRequest.of(env.getArgument("first"), env.getArgument("after"));
        return Connections.of(audit.trail(env.getArgument("entityId"), page, caller(env)));
    }

    private Object queryAuditByActor(DataFetchingEnvironment env) {
        PageRequest page = PageRequest.of(env.getArgument("first"), env.getArgument("after"));
        Instant from = env.getArgument("from");
        Instant to = env.getArgument("to");
        return Connections.of(
                audit.byActor(env.getArgument("userId"), from, to, page, caller(env)));
    }
}

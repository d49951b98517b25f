package org.opencrm.graphql.audit;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import org.opencrm.core.audit.AuditService;
import org.opencrm.core.store.PageRequest;
import org.opencrm.graphql.relay.Connections;

/** Binds audit.graphqls to the audit trail. */
public final class AuditWiring {

    private final AuditService audit;

    public AuditWiring(AuditService audit) {
        this.audit = audit;
    }

    public void register(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type.dataFetcher("auditTrail", this::queryAuditTrail));
    }

    private Object queryAuditTrail(DataFetchingEnvironment env) {
        PageRequest page = PageRequest.of(env.getArgument("first"), env.getArgument("after"));
        return Connections.of(audit.trail(env.getArgument("entityId"), page));
    }
}

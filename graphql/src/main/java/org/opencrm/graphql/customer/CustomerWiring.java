package org.opencrm.graphql.customer;

import static org.opencrm.graphql.RequestContext.caller;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.Map;
import org.opencrm.core.customer.CustomerExport;
import org.opencrm.core.customer.CustomerFilter;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.customer.CustomerService;
import org.opencrm.core.identity.ExternalSystem;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.graphql.Inputs;
import org.opencrm.graphql.relay.Connections;

/** Binds customer.graphqls to the customer use cases. */
public final class CustomerWiring {

    private final CustomerService customers;
    private final CustomerExport export;

    public CustomerWiring(CustomerService customers, CustomerExport export) {
        this.customers = customers;
        this.export = export;
    }

    public void register(RuntimeWiring.Builder wiring) {
        wiring.type(
                "Query",
                type ->
                        type.dataFetcher("customer", this::queryCustomer)
                                .dataFetcher("customers", this::queryCustomers)
                                .dataFetcher(
                                        "customerByExternalId", this::queryCustomerByExternalId)
                                .dataFetcher("customerByGoldenId", this::queryCustomerByGoldenId));
        wiring.type(
                "Mutation",
                type ->
                        type.dataFetcher(
                                        "setCustomerExternalId",
                                        this::mutationSetCustomerExternalId)
                                .dataFetcher("createCustomer", this::mutationCreateCustomer)
                                .dataFetcher("updateCustomer", this::mutationUpdateCustomer)
                                .dataFetcher("archiveCustomer", this::mutationArchiveCustomer)
                                .dataFetcher("restoreCustomer", this::mutationRestoreCustomer)
                                .dataFetcher("deleteCustomer", this::mutationDeleteCustomer)
                                .dataFetcher("exportCustomers", this::exportCustomers));
    }

    private CustomerNode queryCustomer(DataFetchingEnvironment env) {
        return CustomerNode.of(customers.get(env.getArgument("id"), caller(env)));
    }

    private CustomerNode queryCustomerByExternalId(DataFetchingEnvironment env) {
        ExternalSystem system = ExternalSystem.valueOf(env.getArgument("system").toString());
        return CustomerNode.of(customers.byExternalId(system, env.getArgument("id"), caller(env)));
    }

    private CustomerNode queryCustomerByGoldenId(DataFetchingEnvironment env) {
        return CustomerNode.of(customers.byGoldenId(env.getArgument("goldenId"), caller(env)));
    }

    private CustomerNode mutationSetCustomerExternalId(DataFetchingEnvironment env) {
        ExternalSystem system = ExternalSystem.valueOf(env.getArgument("system").toString());
        return CustomerNode.of(
                customers.setExternalId(
                        env.getArgument("id"),
                        expectedVersion(env),
                        system,
                        env.getArgument("externalId"),
                        caller(env)));
    }

    private Object queryCustomers(DataFetchingEnvironment env) {
        PageRequest page = PageRequest.of(env.getArgument("first"), env.getArgument("after"));
        return Connections.of(
                customers
                        .list(filter(env.getArgument("filter")), page, caller(env))
                        .map(CustomerNode::of));
    }

    private CustomerExport.Csv exportCustomers(DataFetchingEnvironment env) {
        return export.export(filter(env.getArgument("filter")), caller(env));
    }

    private CustomerNode mutationCreateCustomer(DataFetchingEnvironment env) {
        return CustomerNode.of(customers.create(input(env.getArgument("input")), caller(env)));
    }

    private CustomerNode mutationUpdateCustomer(DataFetchingEnvironment env) {
        return CustomerNode.of(
                customers.update(
                        env.getArgument("id"),
                        expectedVersion(env),
                        input(env.getArgument("input")),
                        caller(env)));
    }

    private CustomerNode mutationArchiveCustomer(DataFetchingEnvironment env) {
        return CustomerNode.of(
                customers.archive(
                        env.getArgument("id"),
                        expectedVersion(env),
                        env.getArgument("reason"),
                        caller(env)));
    }

    private CustomerNode mutationRestoreCustomer(DataFetchingEnvironment env) {
        return CustomerNode.of(
                customers.restore(env.getArgument("id"), expectedVersion(env), caller(env)));
    }

    private CustomerNode mutationDeleteCustomer(DataFetchingEnvironment env) {
        return CustomerNode.of(
                customers.delete(
                        env.getArgument("id"),
                        expectedVersion(env),
                        env.getArgument("reason"),
                        caller(env)));
    }

    private static long expectedVersion(DataFetchingEnvironment env) {
        Integer version = env.getArgument("expectedVersion");
        return version.longValue();
    }

    private static CustomerInput input(Map<String, Object> raw) {
        return Inputs.bind(raw, CustomerInput.class);
    }

    private static CustomerFilter filter(Map<String, Object> raw) {
        if (raw == null) {
            return CustomerFilter.none();
        }
        return Inputs.bind(raw, CustomerFilter.class);
    }
}

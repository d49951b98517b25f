package org.opencrm.graphql.contract;

import static org.opencrm.graphql.RequestContext.caller;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.opencrm.core.contract.Caliber;
import org.opencrm.core.contract.Contract;
import org.opencrm.core.contract.ContractFilter;
import org.opencrm.core.contract.ContractInput;
import org.opencrm.core.contract.ContractService;
import org.opencrm.core.contract.MoneyEventInput;
import org.opencrm.core.contract.RecordedFact;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.deal.Deal;
import org.opencrm.core.deal.DealService;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.graphql.Inputs;
import org.opencrm.graphql.customer.CustomerNode;
import org.opencrm.graphql.deal.DealNode;
import org.opencrm.graphql.files.FileWiring;
import org.opencrm.graphql.loaders.ContractFactsLoader;
import org.opencrm.graphql.loaders.VisibleRecordLoader;
import org.opencrm.graphql.relay.Connections;

/** Binds contracts.graphqls to the contract use cases. */
public final class ContractWiring {

    private final ContractService contracts;
    private final DealService deals;

    public ContractWiring(ContractService contracts, DealService deals) {
        this.contracts = contracts;
        this.deals = deals;
    }

    public void register(RuntimeWiring.Builder wiring) {
        wiring.type(
                "Query",
                type ->
                        type.dataFetcher("contract", this::queryContract)
                                .dataFetcher("contracts", this::queryContracts)
                                .dataFetcher("contractFacts", this::queryContractFacts));
        wiring.type(
                "Mutation",
                type ->
                        type.dataFetcher("createContract", this::mutationCreate)
                                .dataFetcher("approveContract", this::mutationApprove)
                                .dataFetcher("signContract", this::mutationSign)
                                .dataFetcher("voidContract", this::mutationVoid)
                                .dataFetcher("recordShipment", this::mutationShipment)
                                .dataFetcher("recordInvoice", this::mutationInvoice)
                                .dataFetcher("recordPayment", this::mutationPayment));
        // per-node fields, each a batch over the response's contracts
        wiring.type(
                "Contract",
                type ->
                        type.dataFetcher("facts", env -> facts(env, null))
                                .dataFetcher("shipments", env -> facts(env, Caliber.SHIPPED))
                                .dataFetcher("invoices", env -> facts(env, Caliber.INVOICED))
                                .dataFetcher("payments", env -> facts(env, Caliber.COLLECTED))
                                .dataFetcher("customer", this::customer)
                                .dataFetcher("deal", this::deal)
                                .dataFetcher(
                                        "attachments",
                                        env ->
                                                FileWiring.ofRecord(
                                                        env, env.<ContractNode>getSource().id())));
    }

    private ContractNode queryContract(DataFetchingEnvironment env) {
        return ContractNode.of(contracts.get(env.getArgument("id"), caller(env)));
    }

    private Object queryContracts(DataFetchingEnvironment env) {
        PageRequest page = PageRequest.of(env.getArgument("first"), env.getArgument("after"));
        ContractFilter asked = Inputs.bind(env.getArgument("filter"), ContractFilter.class);
        // only the terms the schema offers; team and region are row scope's to set
        ContractFilter filter =
                asked == null
                        ? ContractFilter.none()
                        : ContractFilter.of(
                                asked.customerId(),
                                asked.status(),
                                asked.ownerId(),
                                asked.signedFrom(),
                                asked.signedTo());
        return Connections.of(contracts.list(filter, page, caller(env)).map(ContractNode::of));
    }

    private Object queryContractFacts(DataFetchingEnvironment env) {
        PageRequest page = PageRequest.of(env.getArgument("first"), env.getArgument("after"));
        return Connections.of(
                contracts
                        .facts(env.getArgument("contractId"), null, page, caller(env))
                        .map(ContractMoneyFactNode::of));
    }

    private ContractNode mutationCreate(DataFetchingEnvironment env) {
        ContractInput input = Inputs.bind(env.getArgument("input"), ContractInput.class);
        return ContractNode.of(contracts.create(input, caller(env)));
    }

    private ContractNode mutationApprove(DataFetchingEnvironment env) {
        return ContractNode.of(
                contracts.approve(env.getArgument("id"), expectedVersion(env), caller(env)));
    }

    private ContractNode mutationSign(DataFetchingEnvironment env) {
        Instant signedAt = env.getArgument("signedAt");
        return ContractNode.of(
                contracts.sign(env.getArgument("id"), signedAt, expectedVersion(env), caller(env)));
    }

    private ContractNode mutationVoid(DataFetchingEnvironment env) {
        return ContractNode.of(
                contracts.voidContract(
                        env.getArgument("id"),
                        env.getArgument("reason"),
                        expectedVersion(env),
                        caller(env)));
    }

    private ContractNode mutationShipment(DataFetchingEnvironment env) {
        Contract recorded =
                contracts.recordShipment(
                        env.getArgument("contractId"),
                        event(env),
                        optionalVersion(env),
                        caller(env));
        return ContractNode.of(recorded);
    }

    private ContractNode mutationInvoice(DataFetchingEnvironment env) {
        Contract recorded =
                contracts.recordInvoice(
                        env.getArgument("contractId"),
                        event(env),
                        optionalVersion(env),
                        caller(env));
        return ContractNode.of(recorded);
    }

    private ContractNode mutationPayment(DataFetchingEnvironment env) {
        Contract recorded =
                contracts.recordPayment(
                        env.getArgument("contractId"),
                        event(env),
                        optionalVersion(env),
                        caller(env));
        return ContractNode.of(recorded);
    }

    private static MoneyEventInput event(DataFetchingEnvironment env) {
        return Inputs.bind(env.getArgument("input"), MoneyEventInput.class);
    }

    private static long expectedVersion(DataFetchingEnvironment env) {
        Integer version = env.getArgument("expectedVersion");
        return version.longValue();
    }

    private static Long optionalVersion(DataFetchingEnvironment env) {
        Integer version = env.getArgument("expectedVersion");
        return version == null ? null : version.longValue();
    }

    private static CompletableFuture<List<ContractMoneyFactNode>> facts(
            DataFetchingEnvironment env, Caliber caliber) {
        ContractNode contract = env.getSource();
        DataLoader<String, List<RecordedFact>> loader = env.getDataLoader(ContractFactsLoader.NAME);
        return loader.load(contract.id())
                .thenApply(
                        facts ->
                                facts.stream()
                                        .filter(
                                                recorded ->
                                                        caliber == null
                                                                || recorded.fact().caliber()
                                                                        == caliber)
                                        .map(ContractMoneyFactNode::of)
                                        .toList());
    }

    private CompletableFuture<CustomerNode> customer(DataFetchingEnvironment env) {
        ContractNode contract = env.getSource();
        DataLoader<String, Customer> loader = env.getDataLoader(VisibleRecordLoader.CUSTOMER);
        return loader.load(contract.customerId(), caller(env))
                .thenApply(customer -> customer == null ? null : CustomerNode.of(customer));
    }

    private CompletableFuture<DealNode> deal(DataFetchingEnvironment env) {
        ContractNode contract = env.getSource();
        if (contract.dealId() == null) {
            return CompletableFuture.completedFuture(null);
        }
        DataLoader<String, Deal> loader = env.getDataLoader(VisibleRecordLoader.DEAL);
        return loader.load(contract.dealId(), caller(env))
                .thenApply(
                        deal -> deal == null ? null : DealNode.of(deal, deals.currentPipeline()));
    }
}

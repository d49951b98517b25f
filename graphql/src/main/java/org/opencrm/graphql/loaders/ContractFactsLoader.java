package org.opencrm.graphql.loaders;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;
import org.opencrm.core.contract.ContractService;
import org.opencrm.core.contract.RecordedFact;

/**
 * {@code Contract.facts} (and its shipments, invoices, payments) for every contract of a response
 * in one batch: the first {@link #LIMIT} facts of each, read side by side. The contracts were read
 * under row scope already; the field matrix guards the fields.
 */
public final class ContractFactsLoader implements MappedBatchLoader<String, List<RecordedFact>> {

    public static final String NAME = "contractFacts";
    public static final int LIMIT = 100;

    private final ContractService contracts;

    public ContractFactsLoader(ContractService contracts) {
        this.contracts = contracts;
    }

    @Override
    public CompletionStage<Map<String, List<RecordedFact>>> load(Set<String> contractIds) {
        // read on the request's own thread: the future is complete when returned
        return CompletableFuture.completedFuture(contracts.factsOf(contractIds, LIMIT));
    }
}

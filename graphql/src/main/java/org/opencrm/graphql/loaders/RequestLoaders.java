package org.opencrm.graphql.loaders;

import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import org.opencrm.core.CoreServices;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.deal.Deal;

/**
 * The batch loaders, built once per container; each request gets fresh data loaders over them, so
 * what one request cached never answers another.
 */
public final class RequestLoaders {

    private final SyncStatusLoader syncStatus;
    private final UnreadCountLoader unreadCount;
    private final OpenLeadCountLoader openLeadCount;
    private final DealHistoryLoader dealHistory;
    private final HighPotentialLoader highPotential;
    private final UserLoader user;
    private final ContractFactsLoader contractFacts;
    private final AttachmentsLoader attachments;
    private final VisibleRecordLoader<Customer> visibleCustomer;
    private final VisibleRecordLoader<Deal> visibleDeal;
    private final HealthLoader health;

    public RequestLoaders(CoreServices backend) {
        this.syncStatus = new SyncStatusLoader(backend.financeSync());
        this.unreadCount = new UnreadCountLoader(backend.inbox());
        this.openLeadCount = new OpenLeadCountLoader(backend.assignments());
        this.dealHistory = new DealHistoryLoader(backend.deals());
        this.highPotential = new HighPotentialLoader(backend.activities().service());
        this.user = new UserLoader(backend.users());
        this.contractFacts = new ContractFactsLoader(backend.contracts());
        this.attachments = new AttachmentsLoader(backend.attachments());
        this.visibleCustomer = new VisibleRecordLoader<>(backend.contracts()::visibleCustomers);
        this.visibleDeal = new VisibleRecordLoader<>(backend.contracts()::visibleDeals);
        this.health = new HealthLoader(backend.health().service());
    }

    public DataLoaderRegistry newRegistry() {
        return DataLoaderRegistry.newRegistry()
                .register(SyncStatusLoader.NAME, DataLoaderFactory.newMappedDataLoader(syncStatus))
                .register(
                        UnreadCountLoader.NAME, DataLoaderFactory.newMappedDataLoader(unreadCount))
                .register(
                        OpenLeadCountLoader.NAME,
                        DataLoaderFactory.newMappedDataLoader(openLeadCount))
                .register(
                        DealHistoryLoader.NAME, DataLoaderFactory.newMappedDataLoader(dealHistory))
                .register(
                        HighPotentialLoader.NAME,
                        DataLoaderFactory.newMappedDataLoader(highPotential))
                .register(UserLoader.NAME, DataLoaderFactory.newMappedDataLoader(user))
                .register(
                        ContractFactsLoader.NAME,
                        DataLoaderFactory.newMappedDataLoader(contractFacts))
                .register(
                        AttachmentsLoader.NAME, DataLoaderFactory.newMappedDataLoader(attachments))
                .register(
                        VisibleRecordLoader.CUSTOMER,
                        DataLoaderFactory.newMappedDataLoader(visibleCustomer))
                .register(
                        VisibleRecordLoader.DEAL,
                        DataLoaderFactory.newMappedDataLoader(visibleDeal))
                .register(HealthLoader.NAME, DataLoaderFactory.newMappedDataLoader(health))
                .build();
    }
}

package org.opencrm.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.deal.Deal;
import org.opencrm.core.deal.DealInput;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.testing.TestLeads;
import org.opencrm.core.testing.TestOrg;
import org.opencrm.core.time.AppClock;

/**
 * The backfill on an engine of its own, holding only this test's records, none of them ever fed to
 * the search reactor: what the stream never delivered is found after the backfill.
 */
class SearchBackfillTest {

    private static final Caller ADMIN = TestCallers.named("backfill-admin", Role.ADMIN, null, null);

    private final LocalDynamo dynamo = LocalDynamo.fresh();
    private final CoreServices services = dynamo.services(new AppClock(Clock.systemUTC()));
    private final SearchIndexStore store = new SearchIndexStore(dynamo.enhanced(), dynamo.tables());
    private final String region = "r" + UUID.randomUUID().toString().substring(0, 8);
    private final Caller owner =
            TestOrg.member(services, Role.SALES_REP, region, TestOrg.uniqueTeam());

    private Customer customer(String name, String phone) {
        return services.customers()
                .create(
                        CustomerInput.builder().name(name).phone(phone).region(region).build(),
                        owner);
    }

    private List<String> found(String text, SearchType type) {
        return services.search().search(ADMIN, text, Set.of(type), 50, null).entries().stream()
                .map(entry -> entry.item().id())
                .toList();
    }

    private SearchBackfill smallPages() {
        return services.searchBackfill().withPageSize(2);
    }

    @Test
    void recordsTheStreamNeverDelivered_areFound_afterOneRun() {
        // GIVEN customers, a lead, a deal and users written while nothing fed the search index
        Customer zhangSan = customer("张三", "13912345678");
        Customer liSi = customer("李四", "13987654321");
        String leadId = TestLeads.ingest(services, ADMIN, "website", region);
        String leadPhone = services.leads().get(leadId, ADMIN).fields().phone();
        Deal deal =
                services.deals()
                        .create(
                                DealInput.builder()
                                        .customerId(zhangSan.id())
                                        .title("冷链项目")
                                        .amount(100_000L)
                                        .grossMarginPercent(40)
                                        .build(),
                                owner);
        assertTrue(found("zs", SearchType.CUSTOMER).isEmpty());

        // WHEN the backfill runs with time to spare
        SearchBackfill.Progress progress =
                services.searchBackfill().run(SearchBackfill.Position.start(), () -> true);

        // THEN it finished, and every kind of record is found the ways people type
        assertEquals(Optional.empty(), progress.next());
        assertTrue(found("zs", SearchType.CUSTOMER).contains(zhangSan.id()));
        assertTrue(found("4321", SearchType.CUSTOMER).contains(liSi.id()));
        assertTrue(found(leadPhone, SearchType.LEAD).contains(leadId));
        assertTrue(found("llxm", SearchType.DEAL).contains(deal.id()));
        assertTrue(found("Test " + owner.userId(), SearchType.USER).contains(owner.userId()));
    }

    @Test
    void aRunOutOfTime_saysWhereItStopped_andRunsFromThereIndexEveryRecordOnce() {
        // GIVEN five customers and their owner, never indexed
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(customer("王" + "五六七八九".charAt(i), "1380000000" + i).id());
        }

        // WHEN runs of one page each (pages of two) go on from where the last one stopped
        int runs = 0;
        int records = 0;
        Optional<SearchBackfill.Position> next = Optional.of(SearchBackfill.Position.start());
        SearchBackfill backfill = smallPages();
        while (next.isPresent()) {
            SearchBackfill.Progress progress = backfill.run(next.get(), () -> false);
            records += progress.records();
            next = progress.next();
            runs++;
        }

        // THEN the customers took three runs of their own, each record was read once,
        // and each customer is found, with exactly its tokens (name, pinyin, phone)
        assertTrue(runs >= 3, "runs: " + runs);
        assertEquals(5 + 1, records, "five customers and their owner; no leads or deals");
        for (String id : ids) {
            assertTrue(found("wang", SearchType.CUSTOMER).contains(id), id);
        }
        int tokens = store.tokensOf(SearchType.CUSTOMER, ids.get(0)).size();

        // AND a second full run changes nothing
        smallPages().run(SearchBackfill.Position.start(), () -> true);
        assertEquals(tokens, store.tokensOf(SearchType.CUSTOMER, ids.get(0)).size());
    }
}

package org.opencrm.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.search.SearchType;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestCallers;

/**
 * The one-off backfill as an operator runs it: invoke, and while the answer says it is not done,
 * invoke again with its type and cursor as the event detail.
 */
class SearchBackfillHandlerTest {

    private final LocalDynamo dynamo = LocalDynamo.fresh();
    private final CoreServices services = dynamo.services(Clock.systemUTC());
    private final SearchBackfillHandler handler =
            new SearchBackfillHandler(services.searchBackfill());

    @Test
    void aRunShortOfTime_answersWhereToGoOn_andTheRunsAfterItFinishTheJob() {
        // GIVEN a customer written while nothing fed the search index
        Caller rep = TestCallers.freshRep("east");
        Customer customer =
                services.customers()
                        .create(
                                CustomerInput.builder()
                                        .name("赵六")
                                        .phone(TestCallers.uniqueMobile())
                                        .build(),
                                rep);

        // WHEN invoked with less time left than it keeps in reserve, then again from each answer
        Map<String, Object> answer = handler.handleRequest(new ScheduledEvent(), lowOnTime());
        Object firstStop = answer.get("type");
        int invocations = 1;
        while (!Boolean.TRUE.equals(answer.get("done"))) {
            ScheduledEvent next = new ScheduledEvent();
            Map<String, Object> detail = new HashMap<>();
            detail.put("type", answer.get("type"));
            detail.put("after", answer.get("after"));
            next.setDetail(detail);
            answer = handler.handleRequest(next, lowOnTime());
            invocations++;
        }

        // THEN the first run stopped after the customers and said to go on with leads,
        // one run per record type did the job, and the customer is found
        assertEquals("LEAD", firstStop);
        assertEquals(4, invocations, "one run per record type");
        Caller admin = TestCallers.admin();
        assertTrue(
                services
                        .search()
                        .search(admin, "zl", Set.of(SearchType.CUSTOMER), 10, null)
                        .entries()
                        .stream()
                        .anyMatch(entry -> entry.item().id().equals(customer.id())));
    }

    private static TestLambdaContext lowOnTime() {
        // 30 s left, below the 60 s reserve: the run stops at the first chance
        return new TestLambdaContext("req-" + System.nanoTime(), "SearchBackfillFunction");
    }
}

package org.opencrm.core.activity;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.StreamReader;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.testing.TestOrg;
import org.opencrm.core.time.AppClock;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** Real services over the embedded DynamoDB Local, a region of its own and a rep in it. */
final class ActivityFixture {

    final LocalDynamo dynamo = LocalDynamo.shared();
    final AppClock clock = new AppClock(Clock.systemUTC());
    final CoreServices services = dynamo.services(clock);
    final Activities activities = services.activities();
    final StreamReader streams = new StreamReader(dynamo.streams());
    final String region = "r" + UUID.randomUUID().toString().substring(0, 8);
    final Caller rep = TestOrg.member(services, Role.SALES_REP, region, "team-a");

    Customer customer() {
        return services.customers()
                .create(
                        CustomerInput.builder()
                                .name("Buyer " + UUID.randomUUID())
                                .phone(TestCallers.uniqueMobile())
                                .region(region)
                                .build(),
                        rep);
    }

    Activity log(Customer customer, String body) {
        return activities
                .service()
                .log(
                        ActivityInput.builder()
                                .customerId(customer.id())
                                .kind(ActivityKind.CALL)
                                .body(body)
                                .build(),
                        rep);
    }

    /** The activities stream as the reactor function would get it, every record of these. */
    List<Record> recordsOf(Activity... logged) {
        return java.util.Arrays.stream(logged)
                .flatMap(
                        activity ->
                                streams
                                        .recordsFor(dynamo.tables().activities(), activity.id())
                                        .stream())
                .toList();
    }

    List<String> inboxKinds(String userId) {
        return services.outbox().inbox(userId, false, PageRequest.of(50, null)).entries().stream()
                .map(entry -> entry.item().kind().name())
                .toList();
    }
}

package org.opencrm.core.ticket;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.testing.CustomerPatch;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.testing.TestOrg;
import org.opencrm.core.time.AppClock;

/**
 * One service team per test on the shared DynamoDB Local engine: an agent, a supervisor, a rep's
 * customer the agent serves, and a clock fixed at Monday 2 March 2026, 09:00 in Shanghai.
 */
final class TicketFixture {

    static final List<String> WECHAT_PAY = List.of("技术故障", "H5支付", "微信浏览器兼容");
    static final Instant MONDAY_9 = OffsetDateTime.parse("2026-03-02T09:00+08:00").toInstant();

    final AppClock clock = new AppClock(Clock.fixed(MONDAY_9, ZoneOffset.UTC));
    final CoreServices services = LocalDynamo.shared().services(clock);
    final TicketService tickets = services.tickets().service();
    final String team = TestOrg.uniqueTeam();
    final Caller agent = TestOrg.member(services, Role.CUSTOMER_SERVICE, null, team);
    final Caller supervisor = TestOrg.member(services, Role.SERVICE_SUPERVISOR, null, team);
    final Caller rep = TestCallers.freshRep("east");
    final Caller lead = TestCallers.of(Role.TEAM_LEAD, "east", "team-x");
    final Customer customer = servedCustomer(agent);

    Customer servedCustomer(Caller servedBy) {
        Customer created =
                services.customers().create(CustomerPatch.newCustomer("Wang Fang").build(), rep);
        return services.customers()
                .update(
                        created.id(),
                        created.version(),
                        CustomerPatch.patch().serviceAgentId(servedBy.userId()).build(),
                        lead);
    }

    Ticket open(TicketPriority priority) {
        return tickets.open(
                new TicketInput(customer.id(), TicketChannel.CALL, WECHAT_PAY, priority, "微信里付不了款"),
                agent);
    }

    /** Opened and taken by the agent. */
    Ticket assigned() {
        Ticket opened = open(TicketPriority.P2);
        return tickets.assign(opened.id(), opened.version(), agent.userId(), agent);
    }
}

package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.notify.SnsSms;
import org.opencrm.core.time.AppClock;
import org.opencrm.infra.LocalCloud;
import org.opencrm.infra.LocalCloudOptions;
import org.opencrm.infra.TestSupport;
import org.opencrm.infra.auth.DemoOrg;

/**
 * Issue 17's ticket done-when in the local cloud: a ticket left open 25 h escalates to
 * demo-cs-lead exactly once however often TicketSweepFunction fires; resolving it makes one
 * satisfaction SMS due 48 h later, which reaches the loopback SNS endpoint once; a ticket opened
 * Friday 17:00 before a public holiday is due where the calendar says. Each function builds its SNS
 * client once per container, so the endpoint is set before this class's own local cloud starts.
 */
class TicketEndToEndTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String FIELDS =
            "id version status firstResponseDueAt resolutionDueAt breached escalatedAt createdAt";

    private static SnsReceiver sns;
    private static LocalCloud cloud;
    private static CoreServices services;
    private static ApiClient api;

    @BeforeAll
    static void startSnsThenTheLocalCloud() throws Exception {
        sns = SnsReceiver.start();
        System.setProperty(SnsSms.ENDPOINT_URL, sns.url());
        cloud =
                LocalCloud.start(
                        LocalCloudOptions.forTests(
                                TestSupport.PROJECT_TEMPLATE.toAbsolutePath().normalize()));
        services = cloud.services();
        api = new ApiClient(cloud);
    }

    @AfterAll
    static void stopTheLocalCloudThenSns() throws Exception {
        try {
            if (cloud != null) {
                cloud.close();
            }
        } finally {
            System.clearProperty(SnsSms.ENDPOINT_URL);
            sns.close();
        }
    }

    @Test
    void aTicketOpen25Hours_escalatesToDemoCsLeadOnce_andItsResolutionSendsOneSurveySms() {
        // GIVEN a customer demo-cs serves, and a P2 ticket demo-cs opens at 10:00 in Shanghai
        advanceTo(DayOfWeek.MONDAY, 10);
        Customer customer = servedCustomer();
        JsonNode opened = open(customer, "P2");
        String id = opened.at("/id").asText();

        // WHEN 25 h pass and the sweep fires twice
        advance("PT25H");
        fireTheSweep();
        fireTheSweep();

        // THEN demo-cs-lead was told exactly once, and the ticket says when
        TestSupport.await("the escalation", () -> escalations(id).size() >= 1);
        assertEquals(1, escalations(id).size());
        JsonNode escalated = ticket(id);
        assertTrue(!escalated.at("/escalatedAt").isNull(), escalated.toString());

        // WHEN demo-cs resolves it (now 11:00), and 47 h pass
        JsonNode assigned =
                mutate(
                        "assignTicket(id: $id, expectedVersion: $v, assigneeId: \"demo-cs\")",
                        id,
                        escalated.at("/version").asInt());
        mutate(
                "resolveTicket(id: $id, expectedVersion: $v, resolution: \"清除微信缓存\","
                        + " effective: true)",
                id,
                assigned.at("/version").asInt());
        String phone = customer.fields().phone();
        advance("PT47H");
        fireTheSweep();
        assertEquals(0, publishedTo(phone), "no survey before 48 h");

        // THEN at 49 h one SMS reaches the customer's phone; another sweep sends nothing more
        advance("PT2H");
        fireTheSweep();
        TestSupport.await("the survey SMS", () -> publishedTo(phone) == 1);
        advance("PT5M");
        fireTheSweep();
        TestSupport.post(cloud, "/_local/schedules/NotificationRetryFunction/fire", "", Map.of());
        assertEquals(1, publishedTo(phone));
        assertEquals(1, escalations(id).size(), "still one escalation");
    }

    @Test
    void aTicketOpenedFriday17BeforeAPublicHoliday_isDueAfterTheHoliday_inBusinessHours() {
        // GIVEN Friday 17:00 in Shanghai, and a calendar whose only holiday is the Monday after
        ZonedDateTime friday = advanceTo(DayOfWeek.FRIDAY, 17);
        LocalDate holiday = friday.toLocalDate().plusDays(3);
        setWorkingCalendar(holiday);

        // WHEN demo-cs opens a P3 ticket (2 business hours to answer, 24 to resolve)
        JsonNode opened = open(servedCustomer(), "P3");

        // THEN, with 09:00-12:00 and 13:30-18:00 working hours: the answer is due after Friday's
        // last hour (17:00-18:00), skipping the weekend and the holiday Monday, Tuesday 10:00;
        // the resolution after Friday 1 h + Tuesday, Wednesday, Thursday 7.5 h each = 23.5 h,
        // the next Friday 09:30
        // (the local clock runs on in real time: the ticket opened a few seconds after 17:00, and
        // its deadlines lie the same seconds after those)
        Duration lag =
                Duration.between(
                        friday.toInstant(), Instant.parse(opened.at("/createdAt").asText()));
        assertTrue(lag.compareTo(Duration.ofMinutes(1)) < 0, lag.toString());
        LocalDate tuesday = friday.toLocalDate().plusDays(4);
        LocalDate nextFriday = friday.toLocalDate().plusDays(7);
        assertEquals(
                tuesday.atTime(10, 0).atZone(SHANGHAI).toInstant().plus(lag),
                Instant.parse(opened.at("/firstResponseDueAt").asText()),
                opened.toString());
        assertEquals(
                nextFriday.atTime(9, 30).atZone(SHANGHAI).toInstant().plus(lag),
                Instant.parse(opened.at("/resolutionDueAt").asText()),
                opened.toString());
    }

    private static Customer servedCustomer() {
        Caller rep = DemoOrg.REP_A1.caller("e2e-tickets");
        Customer created =
                services.customers()
                        .create(
                                CustomerInput.builder()
                                        .name("王芳")
                                        .phone("+86" + ApiClient.uniqueMobile())
                                        .build(),
                                rep);
        return services.customers()
                .update(
                        created.id(),
                        created.version(),
                        CustomerInput.builder()
                                .serviceAgentId(DemoOrg.CUSTOMER_SERVICE.id())
                                .build(),
                        DemoOrg.LEAD_A.caller("e2e-tickets"));
    }

    private static JsonNode open(Customer customer, String priority) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("customerId", customer.goldenId());
        input.put("channel", "CALL");
        input.put("category", List.of("技术故障", "H5支付", "微信浏览器兼容"));
        input.put("priority", priority);
        input.put("customerWords", "微信里支付一直失败");
        return api.data(
                        api.tokenOf(DemoOrg.CUSTOMER_SERVICE),
                        "mutation($input: TicketInput!) { openTicket(input: $input) { "
                                + FIELDS
                                + " } }",
                        Map.of("input", input))
                .at("/openTicket");
    }

    private static JsonNode mutate(String call, String id, int version) {
        JsonNode data =
                api.data(
                        api.tokenOf(DemoOrg.CUSTOMER_SERVICE),
                        "mutation($id: ID!, $v: Int!) { result: " + call + " { " + FIELDS + " } }",
                        Map.of("id", id, "v", version));
        return data.at("/result");
    }

    private static JsonNode ticket(String id) {
        return api.data(
                        api.tokenOf(DemoOrg.CUSTOMER_SERVICE),
                        "query($id: ID!) { ticket(id: $id) { " + FIELDS + " } }",
                        Map.of("id", id))
                .at("/ticket");
    }

    /** demo-cs-lead's TICKET_ESCALATED notifications about the ticket, through the API. */
    private static List<JsonNode> escalations(String ticketId) {
        JsonNode edges =
                api.data(
                                api.tokenOf(DemoOrg.CS_LEAD),
                                "{ notifications(first: 100) { edges { node { id kind payload } } } }",
                                Map.of())
                        .at("/notifications/edges");
        return StreamSupport.stream(edges.spliterator(), false)
                .map(edge -> edge.get("node"))
                .filter(node -> "TICKET_ESCALATED".equals(node.at("/kind").asText()))
                .filter(node -> node.at("/payload").toString().contains(ticketId))
                .toList();
    }

    private static void setWorkingCalendar(LocalDate holiday) {
        // minted now: the local clock has moved past the token made at start
        String admin = api.tokenOf(DemoOrg.ADMIN);
        int version =
                api.data(
                                admin,
                                "{ configuration(name: \"workingCalendar\") { version } }",
                                Map.of())
                        .at("/configuration/version")
                        .asInt();
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("holidays", List.of(holiday.toString()));
        value.put("makeUpDays", List.of());
        api.data(
                admin,
                "mutation($v: Int!, $value: JSON!) { setConfiguration(name: \"workingCalendar\","
                        + " expectedVersion: $v, value: $value, note: \"the holiday after\") {"
                        + " version } }",
                Map.of("v", version, "value", value));
    }

    private static void fireTheSweep() {
        assertEquals(
                200,
                TestSupport.post(cloud, "/_local/schedules/TicketSweepFunction/fire", "", Map.of())
                        .statusCode());
    }

    private static void advance(String duration) {
        assertEquals(
                200,
                TestSupport.post(cloud, "/_local/clock/advance?by=" + duration, "", Map.of())
                        .statusCode());
    }

    /** Moves the shared clock to the next {@code day} at {@code hour}:00 in Shanghai. */
    private static ZonedDateTime advanceTo(DayOfWeek day, int hour) {
        ZonedDateTime local = AppClock.SHARED.instant().atZone(SHANGHAI);
        ZonedDateTime target =
                local.with(TemporalAdjusters.next(day))
                        .withHour(hour)
                        .withMinute(0)
                        .withSecond(0)
                        .withNano(0);
        advance(Duration.between(local, target).toString());
        return target;
    }

    /** SMS SNS accepted for the phone (matched on its last 11 digits, whatever its prefix). */
    private static long publishedTo(String phone) {
        String mobile = phone.substring(phone.length() - 11);
        return sns.requests().stream()
                .filter(request -> String.valueOf(request.phoneNumber()).endsWith(mobile))
                .filter(request -> request.answered() == 200)
                .count();
    }
}

package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.opencrm.core.signing.WebhookSignature;
import org.opencrm.infra.TestSupport;

/**
 * Issue 16's contract half in the local cloud over real HTTP: a paper contract recorded as signed,
 * a shipment and an invoice on it; the contracts stream gives the contract an audit row per change
 * and pushes the signing to a loopback finance receiver with the real contract number.
 */
class ContractEndToEndTest extends LocalCloudEndToEnd {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void signedContract_withAShipmentAndAnInvoice_isAudited_andPushedToFinanceWithItsNumber()
            throws Exception {
        try (Receiver finance = Receiver.start(0, "{\"ack\":true}")) {
            // GIVEN the finance endpoint is configured, and a customer
            String admin = api.adminToken();
            JsonNode config =
                    api.data(
                            admin,
                            "{ configuration(name: \"notifications\") { version } }",
                            Map.of());
            api.data(
                    admin,
                    "mutation($v: Int!, $value: JSON!) { setConfiguration(name: \"notifications\", "
                            + "expectedVersion: $v, value: $value, note: \"finance\") { version } }",
                    Map.of(
                            "v",
                            config.at("/configuration/version").asLong(),
                            "value",
                            Map.of(
                                    "finance",
                                    Map.of(
                                            "type",
                                            "WEBHOOK",
                                            "url",
                                            finance.url("/finance/contracts"),
                                            "secret",
                                            "fin-secret"),
                                    "financePayeeAccount",
                                    "ICBC 6222 0200 1234 5678")));
            String customerId =
                    api.data(
                                    admin,
                                    "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }",
                                    Map.of(
                                            "in",
                                            Map.of(
                                                    "name",
                                                    "Contract Buyer Ltd",
                                                    "phone",
                                                    ApiClient.uniqueMobile(),
                                                    "region",
                                                    "east")))
                            .at("/createCustomer/id")
                            .asText();

            // WHEN a paper contract is recorded as signed, then a shipment and an invoice on it
            String number = ApiClient.unique("HT-2026").toUpperCase(Locale.ROOT);
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("number", number);
            input.put("customerId", customerId);
            input.put("amount", "100000.00");
            input.put("taxRate", "0.13");
            input.put("signedAt", Instant.now().minusSeconds(3600).toString());
            JsonNode created =
                    api.data(
                                    admin,
                                    "mutation($in: ContractInput!) { createContract(input: $in) { id status version } }",
                                    Map.of("in", input))
                            .at("/createContract");
            String contractId = created.at("/id").asText();
            String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
            api.data(
                    admin,
                    "mutation($id: ID!, $in: ShipmentInput!) { recordShipment(contractId: $id, input: $in) { version } }",
                    Map.of("id", contractId, "in", Map.of("date", today, "amount", "60000.00")));
            String invoiceNumber = String.valueOf(10_000_000_000L + (long) (Math.random() * 1e9));
            api.data(
                    admin,
                    "mutation($id: ID!, $in: InvoiceInput!) { recordInvoice(contractId: $id, input: $in) { version } }",
                    Map.of(
                            "id",
                            contractId,
                            "in",
                            Map.of(
                                    "number",
                                    invoiceNumber,
                                    "type",
                                    "ORDINARY",
                                    "date",
                                    today,
                                    "amount",
                                    "40000.00")));

            // THEN the contract shows the three numbers and its facts
            JsonNode contract =
                    api.data(
                                    admin,
                                    "query($id: ID!) { contract(id: $id) { status version signed shipped invoiced "
                                            + "facts { kind amount reference } } }",
                                    Map.of("id", contractId))
                            .at("/contract");
            assertEquals("SIGNED", created.at("/status").asText());
            assertEquals(3, contract.at("/version").asInt(), contract.toString());
            assertEquals("100000.00", contract.at("/signed").asText());
            assertEquals("60000.00", contract.at("/shipped").asText());
            assertEquals("40000.00", contract.at("/invoiced").asText());
            List<String> kinds =
                    StreamSupport.stream(contract.at("/facts").spliterator(), false)
                            .map(fact -> fact.at("/kind").asText())
                            .toList();
            assertEquals(List.of("SIGNING", "SHIPMENT", "INVOICE"), kinds);

            // AND the audit stream filed one row per change of the contract, with its totals
            List<JsonNode> trail = api.awaitAuditTrail(admin, contractId, 3);
            assertEquals(3, trail.size(), trail.toString());
            Set<String> changed =
                    trail.stream()
                            .flatMap(
                                    row ->
                                            StreamSupport.stream(
                                                    row.at("/changes").spliterator(), false))
                            .map(change -> change.at("/field").asText())
                            .collect(Collectors.toSet());
            assertTrue(changed.contains("shippedFen"), changed.toString());
            assertTrue(changed.contains("invoicedFen"), changed.toString());
            assertTrue(changed.contains("number"), changed.toString());

            // AND finance received the signing once, signed, with the real contract number
            TestSupport.await("the finance push", () -> finance.delivered() >= 1);
            assertEquals(1, finance.hits().size());
            Receiver.Hit push = finance.hits().get(0);
            assertTrue(
                    WebhookSignature.verify(
                            push.headers().get("X-crm-signature").get(0),
                            push.body().getBytes(StandardCharsets.UTF_8),
                            "fin-secret"));
            JsonNode document = JSON.readTree(push.body());
            assertEquals(number, document.at("/contractNumber/value").asText(), push.body());
            assertEquals("crm", document.at("/contractNumber/source/system").asText());
            assertEquals("100000.00", document.at("/invoiceAmount/value").asText());
            assertEquals("ICBC 6222 0200 1234 5678", document.at("/payeeAccount/value").asText());
            assertEquals(contractId, document.at("/contractId/value").asText());
        }
    }
}

package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.testing.TestCallers;

/** Contracts and their money events through real query strings. */
class ContractGraphqlTest {

    private static final String CREATE =
            """
            mutation($in: ContractInput!) {
              createContract(input: $in) { id version number status taxRate amount signedOn }
            }""";
    private static final String READ =
            """
            query($id: ID!) {
              contract(id: $id) {
                id number status amount tax signed shipped invoiced collected
                customer { id }
                facts { kind amount contractVersion }
                shipments { kind date amount }
                invoices { kind reference invoiceType amount tax }
                payments { kind amount }
              }
            }""";
    private static final String SHIP =
            """
            mutation($id: ID!, $in: ShipmentInput!) {
              recordShipment(contractId: $id, input: $in) { version shipped }
            }""";
    private static final String INVOICE =
            """
            mutation($id: ID!, $in: InvoiceInput!) {
              recordInvoice(contractId: $id, input: $in) { version invoiced }
            }""";
    private static final String PAY =
            """
            mutation($id: ID!, $in: PaymentInput!) {
              recordPayment(contractId: $id, input: $in) { version collected }
            }""";

    private final GraphqlFixture api = new GraphqlFixture();
    private final Map<String, String> rep = api.freshRep();
    private final Map<String, String> finance =
            api.claims("fin-" + UUID.randomUUID(), "FINANCE", "east");
    private final String customerId =
            api.run(
                            rep,
                            "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }",
                            Map.of(
                                    "in",
                                    Map.of(
                                            "name",
                                            "Buyer Co",
                                            "phone",
                                            TestCallers.uniqueMobile())))
                    .at("/data/createCustomer/id")
                    .asText();

    private static String today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
    }

    private String signedContract() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("number", "HT-" + UUID.randomUUID().toString().substring(0, 13));
        input.put("customerId", customerId);
        input.put("amount", "100000.00");
        input.put("taxRate", "0.13");
        input.put("signedAt", Instant.now().minusSeconds(3600).toString());
        JsonNode created = api.run(rep, CREATE, Map.of("in", input));
        return created.at("/data/createContract/id").asText();
    }

    @Test
    void createContract_withSignedAt_isSigned_andTheRepSeesItWithoutItsAmount() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("number", "ht-" + UUID.randomUUID().toString().substring(0, 13));
        input.put("customerId", customerId);
        input.put("amount", "100000.00");
        input.put("taxRate", "0.13");
        input.put("signedAt", Instant.now().minusSeconds(3600).toString());

        JsonNode created = api.run(rep, CREATE, Map.of("in", input));

        JsonNode contract = created.at("/data/createContract");
        assertEquals("SIGNED", contract.at("/status").asText(), created.toString());
        assertEquals(1, contract.at("/version").asInt());
        assertEquals("0.13", contract.at("/taxRate").asText());
        assertTrue(contract.at("/number").asText().startsWith("HT-"), "numbers are upper-cased");
        assertTrue(contract.at("/amount").isNull(), "a rep does not read contract money");
        assertEquals("FORBIDDEN_FIELD", created.at("/errors/0/extensions/code").asText());
        assertEquals(
                List.of("createContract", "amount"),
                List.of(
                        created.at("/errors/0/path/0").asText(),
                        created.at("/errors/0/path/1").asText()));
    }

    @Test
    void moneyEvents_showOnTheContract_asTwoPlaceStrings_withTheirFacts_forFinance() {
        String id = signedContract();
        String invoiceNumber = String.valueOf(10_000_000_000L + (long) (Math.random() * 1e9));

        JsonNode shipped =
                api.run(
                        finance,
                        SHIP,
                        Map.of("id", id, "in", Map.of("date", today(), "amount", "60000")));
        JsonNode invoiced =
                api.run(
                        finance,
                        INVOICE,
                        Map.of(
                                "id",
                                id,
                                "in",
                                Map.of(
                                        "number",
                                        invoiceNumber,
                                        "type",
                                        "SPECIAL",
                                        "date",
                                        today(),
                                        "amount",
                                        "40000.00")));
        JsonNode read = api.run(finance, READ, Map.of("id", id)).at("/data/contract");

        assertEquals(
                "60000.00",
                shipped.at("/data/recordShipment/shipped").asText(),
                shipped.toString());
        assertEquals("40000.00", invoiced.at("/data/recordInvoice/invoiced").asText());
        assertEquals("100000.00", read.at("/amount").asText(), read.toString());
        assertEquals("11504.42", read.at("/tax").asText());
        assertEquals("100000.00", read.at("/signed").asText());
        assertEquals("60000.00", read.at("/shipped").asText());
        assertEquals("40000.00", read.at("/invoiced").asText());
        assertEquals("0.00", read.at("/collected").asText());
        assertEquals(customerId, read.at("/customer/id").asText());
        List<String> kinds = new ArrayList<>();
        read.at("/facts").forEach(fact -> kinds.add(fact.at("/kind").asText()));
        assertEquals(List.of("SIGNING", "SHIPMENT", "INVOICE"), kinds);
        assertEquals("SHIPMENT", read.at("/shipments/0/kind").asText());
        assertEquals(today(), read.at("/shipments/0/date").asText());
        assertEquals(invoiceNumber, read.at("/invoices/0/reference").asText());
        assertEquals("SPECIAL", read.at("/invoices/0/invoiceType").asText());
        assertEquals("4601.77", read.at("/invoices/0/tax").asText());
        assertEquals(0, read.at("/payments").size());
    }

    @Test
    void aPaymentAboveTheContractAmount_isBadUserInput_namingFieldRuleAndLimit() {
        String id = signedContract();

        JsonNode refused =
                api.run(
                        finance,
                        PAY,
                        Map.of("id", id, "in", Map.of("date", today(), "amount", "100000.01")));

        JsonNode error = refused.at("/errors/0");
        assertEquals("BAD_USER_INPUT", error.at("/extensions/code").asText(), refused.toString());
        assertEquals("amount", error.at("/extensions/field").asText());
        assertEquals("maxCumulative", error.at("/extensions/rule").asText());
        assertEquals("100000.00", error.at("/extensions/limit").asText());
    }

    @Test
    void aRepMayNotRecordAPayment_andARefundBeyondWhatWasCollectedIsRefused() {
        String id = signedContract();
        JsonNode byRep =
                api.run(
                        rep,
                        PAY,
                        Map.of("id", id, "in", Map.of("date", today(), "amount", "1.00")));
        api.run(finance, PAY, Map.of("id", id, "in", Map.of("date", today(), "amount", "500.00")));

        JsonNode refund =
                api.run(
                        finance,
                        PAY,
                        Map.of("id", id, "in", Map.of("date", today(), "amount", "-500.01")));

        assertEquals("FORBIDDEN", byRep.at("/errors/0/extensions/code").asText(), byRep.toString());
        assertEquals("minCumulative", refund.at("/errors/0/extensions/rule").asText());
        assertEquals("-500.00", refund.at("/errors/0/extensions/limit").asText());
    }

    @Test
    void contracts_listsTheCallersOwn_byIndexWithCursors_andContractFactsPageOn() {
        String first = signedContract();
        String second = signedContract();

        JsonNode page =
                api.run(
                        rep,
                        "query { contracts(filter: {status: SIGNED}, first: 1) { edges { node { id } } pageInfo { hasNextPage endCursor } } }",
                        Map.of());
        String cursor = page.at("/data/contracts/pageInfo/endCursor").asText();
        JsonNode next =
                api.run(
                        rep,
                        "query($after: String) { contracts(filter: {status: SIGNED}, first: 1, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }",
                        Map.of("after", cursor));
        JsonNode facts =
                api.run(
                        finance,
                        "query($id: ID!) { contractFacts(contractId: $id, first: 1) { edges { node { kind amount } } pageInfo { hasNextPage } } }",
                        Map.of("id", first));

        assertEquals(second, page.at("/data/contracts/edges/0/node/id").asText(), page.toString());
        assertTrue(page.at("/data/contracts/pageInfo/hasNextPage").asBoolean());
        assertEquals(first, next.at("/data/contracts/edges/0/node/id").asText());
        assertFalse(next.at("/data/contracts/pageInfo/hasNextPage").asBoolean());
        assertEquals("SIGNING", facts.at("/data/contractFacts/edges/0/node/kind").asText());
        assertEquals("100000.00", facts.at("/data/contractFacts/edges/0/node/amount").asText());
        assertFalse(facts.at("/data/contractFacts/pageInfo/hasNextPage").asBoolean());
    }
}

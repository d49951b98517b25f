package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.opencrm.core.activity.ActivityInput;
import org.opencrm.core.activity.ActivityPatch;
import org.opencrm.core.contract.ContractFilter;
import org.opencrm.core.contract.ContractInput;
import org.opencrm.core.contract.MoneyEventInput;
import org.opencrm.core.customer.CustomerFilter;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.customer.CustomerLevel;
import org.opencrm.core.customer.CustomerStage;
import org.opencrm.core.deal.DealFilter;
import org.opencrm.core.deal.DealInput;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.files.UploadRequest;
import org.opencrm.core.lead.LeadFilter;
import org.opencrm.core.lead.LeadStatus;
import org.opencrm.core.user.UserFilter;
import org.opencrm.core.user.UserInput;

/** Input maps as graphql-java hands them to a data fetcher, bound to the domain's records. */
class InputsTest {

    /** Every GraphQL input object type and the record its wiring binds it to. */
    private static final Map<String, Class<? extends Record>> BOUND_INPUTS =
            Map.ofEntries(
                    Map.entry("CreateCustomerInput", CustomerInput.class),
                    Map.entry("UpdateCustomerInput", CustomerInput.class),
                    Map.entry("CustomerFilter", CustomerFilter.class),
                    Map.entry("UserInput", UserInput.class),
                    Map.entry("UserFilter", UserFilter.class),
                    Map.entry("LeadFilter", LeadFilter.class),
                    Map.entry("UploadInput", UploadRequest.class),
                    Map.entry("CreateDealInput", DealInput.class),
                    Map.entry("UpdateDealInput", DealInput.class),
                    Map.entry("DealFilter", DealFilter.class),
                    Map.entry("ActivityInput", ActivityInput.class),
                    Map.entry("UpdateActivityInput", ActivityPatch.class),
                    Map.entry("ContractInput", ContractInput.class),
                    Map.entry("ContractFilter", ContractFilter.class),
                    Map.entry("ShipmentInput", MoneyEventInput.class),
                    Map.entry("InvoiceInput", MoneyEventInput.class),
                    Map.entry("PaymentInput", MoneyEventInput.class),
                    Map.entry("TicketInput", org.opencrm.core.ticket.TicketInput.class),
                    Map.entry("TicketFilter", org.opencrm.core.ticket.TicketFilter.class));

    @Test
    void customerInput_bindsEveryField_byName() {
        // GIVEN every field of UpdateCustomerInput, typed as graphql-java coerces them
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("name", "Li Lei");
        raw.put("phone", "+86 13800138000");
        raw.put("email", "li@example.com");
        raw.put("wechatId", "lilei");
        raw.put("stage", "SIGNED");
        raw.put("level", "A");
        raw.put("remark", "met at the fair");
        raw.put("region", "east");
        raw.put("nationalId", "110101199003071234");
        raw.put("expectedDealAmount", 128000.5d);
        raw.put("contractAmount", 0.1d);
        raw.put("serviceNotes", "prefers mornings");
        raw.put("ownerId", "u-owner");
        raw.put("serviceAgentId", "u-agent");

        // WHEN it is bound
        CustomerInput input = Inputs.bind(raw, CustomerInput.class);

        // THEN each value lands in the component of the same name
        assertEquals("Li Lei", input.name());
        assertEquals("+86 13800138000", input.phone());
        assertEquals("li@example.com", input.email());
        assertEquals("lilei", input.wechatId());
        assertEquals(CustomerStage.SIGNED, input.stage());
        assertEquals(CustomerLevel.A, input.level());
        assertEquals("met at the fair", input.remark());
        assertEquals("east", input.region());
        assertEquals("110101199003071234", input.nationalId());
        assertEquals("prefers mornings", input.serviceNotes());
        assertEquals("u-owner", input.ownerId());
        assertEquals("u-agent", input.serviceAgentId());
        assertEquals(raw.keySet(), input.writtenFields());
    }

    @Test
    void amounts_keepTheDecimalTheClientTyped_notTheBinaryDoubleExpansion() {
        // GIVEN Float arguments, which graphql-java hands over as Double
        Map<String, Object> raw = Map.of("expectedDealAmount", 0.1d, "contractAmount", 128000.5d);

        // WHEN bound
        CustomerInput input = Inputs.bind(raw, CustomerInput.class);

        // THEN the amounts are the shortest decimals, scale included (not 0.1000000000000000055…)
        assertEquals(new BigDecimal("0.1"), input.expectedDealAmount());
        assertEquals(new BigDecimal("128000.5"), input.contractAmount());
    }

    @Test
    void anUpdate_writesOnlyTheFieldsItNames_anEmptyStringClears_aNullIsUnchanged() {
        // GIVEN an update naming remark (cleared) and phone as an explicit null
        Map<String, Object> raw = new HashMap<>();
        raw.put("remark", "");
        raw.put("phone", null);

        // WHEN bound
        CustomerInput input = Inputs.bind(raw, CustomerInput.class);

        // THEN only remark is written; phone and every field left out stay "unchanged" (null)
        assertEquals("", input.remark());
        assertNull(input.phone());
        assertNull(input.name());
        assertNull(input.contractAmount());
        assertEquals(Set.of("remark"), input.writtenFields());
    }

    @Test
    void userInput_bindsIntAndFloat_andRoleByName() {
        // GIVEN Int and Float as graphql-java coerces them, and an enum as its name
        Map<String, Object> raw =
                Map.of("name", "Wang Fang", "role", "TEAM_LEAD", "decay", 0.85d, "capacity", 40);

        // WHEN bound
        UserInput input = Inputs.bind(raw, UserInput.class);

        // THEN
        assertEquals("Wang Fang", input.name());
        assertEquals("TEAM_LEAD", input.role());
        assertEquals(0.85d, input.decay());
        assertEquals(40, input.capacity());
        assertNull(input.team());
    }

    @Test
    void leadFilter_keepsTheExactInstants_theDateTimeScalarParsed() {
        // GIVEN DateTime bounds with nanoseconds, as the scalar hands them over
        Instant from = Instant.parse("2026-03-01T08:15:30.123456789Z");
        Instant to = Instant.parse("2026-03-31T23:59:59.999999999Z");
        Map<String, Object> raw = Map.of("status", "NEW", "team", "east-1", "from", from, "to", to);

        // WHEN bound
        LeadFilter filter = Inputs.bind(raw, LeadFilter.class);

        // THEN nothing is rounded
        assertEquals(LeadStatus.NEW, filter.status());
        assertEquals("east-1", filter.team());
        assertEquals(from, filter.from());
        assertEquals(to, filter.to());
        assertNull(filter.ownerId());
    }

    @Test
    void customerFilter_archived_isFalseUnlessTrueIsSent() {
        // GIVEN a filter without archived, one with an explicit null and one with true
        Map<String, Object> explicitNull = new HashMap<>();
        explicitNull.put("archived", null);

        // WHEN bound / THEN
        assertFalse(Inputs.bind(Map.of("region", "east"), CustomerFilter.class).archived());
        assertFalse(Inputs.bind(explicitNull, CustomerFilter.class).archived());
        assertTrue(Inputs.bind(Map.of("archived", true), CustomerFilter.class).archived());
    }

    @Test
    void aValueThatDoesNotFitItsField_isABadInputNamingTheField() {
        // GIVEN a capacity that is not a number
        Map<String, Object> raw = Map.of("name", "Wang Fang", "capacity", "forty");

        // WHEN bound
        ValidationException refused =
                assertThrows(ValidationException.class, () -> Inputs.bind(raw, UserInput.class));

        // THEN one problem names the field, the rule and the expected type
        FieldProblem problem = refused.problems().get(0);
        assertEquals(1, refused.problems().size());
        assertEquals("capacity", problem.field());
        assertEquals("type", problem.rule());
        assertEquals("Integer", problem.limit());
    }

    @Test
    void everyGraphqlInputType_hasAComponentForEachOfItsFields() throws IOException {
        // GIVEN the schema's input object types
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        for (String file : CrmGraphql.SCHEMA_FILES) {
            registry.merge(new SchemaParser().parse(read("graphql/" + file)));
        }
        List<InputObjectTypeDefinition> inputTypes =
                registry.getTypes(InputObjectTypeDefinition.class);

        // WHEN each is compared with the record its wiring binds it to
        // THEN every input type is bound, and no field is without a component to land in
        assertEquals(
                BOUND_INPUTS.keySet(),
                inputTypes.stream()
                        .map(InputObjectTypeDefinition::getName)
                        .collect(Collectors.toSet()));
        for (InputObjectTypeDefinition type : inputTypes) {
            Set<String> components =
                    Arrays.stream(BOUND_INPUTS.get(type.getName()).getRecordComponents())
                            .map(RecordComponent::getName)
                            .collect(Collectors.toSet());
            for (InputValueDefinition field : type.getInputValueDefinitions()) {
                assertTrue(
                        components.contains(field.getName()),
                        type.getName() + "." + field.getName() + " has no component");
            }
        }
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = InputsTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

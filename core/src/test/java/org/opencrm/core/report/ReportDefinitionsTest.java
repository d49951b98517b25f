package org.opencrm.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestCallers;

class ReportDefinitionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReportDefinitions definitions =
            LocalDynamo.shared().services(Clock.systemUTC()).reports().definitions();
    private final Caller finance = TestCallers.of(Role.FINANCE, "east", "finance");

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private ReportDefinitions.Change change(JsonNode definition, String note, String ticket) {
        long current = definitions.current(RevenueDefinition.NAME).version();
        return new ReportDefinitions.Change(
                RevenueDefinition.NAME, current, definition, note, ticket);
    }

    @Test
    void aChangeWithoutANote_orWithATicketOfNoRealDate_isRefusedWhole_namingEachField()
            throws Exception {
        JsonNode netted = json("{\"signed\": {\"reversals\": \"NET\", \"basis\": \"GROSS\"}}");

        // WHEN the note is blank and the ticket's date does not exist (February 30th)
        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () -> definitions.set(change(netted, "  ", "FIN-20260230-001"), finance));

        // THEN both are named, the ticket with the shape it must have
        assertEquals(
                List.of("changeNote", "changeTicket"),
                refused.problems().stream().map(FieldProblem::field).toList());
        assertEquals("pattern", refused.problems().get(1).rule());
        assertEquals(ReportDefinitions.TICKET_SHAPE, refused.problems().get(1).limit());
    }

    @Test
    void excludingReversalsWithoutSayingWhy_isRefused_underTheDefinitionField() throws Exception {
        JsonNode unexplained =
                json("{\"shipped\": {\"reversals\": \"EXCLUDED\", \"basis\": \"GROSS\"}}");

        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () ->
                                definitions.set(
                                        change(unexplained, "exclude returns", "FIN-20260215-003"),
                                        finance));

        assertEquals("definition.shipped.exclusionReason", refused.problems().get(0).field());
        assertEquals("required", refused.problems().get(0).rule());
    }

    @Test
    void aTicketedChange_isANewVersion_keepingItsTicketAndNote_andTheOldOneStaysReadable()
            throws Exception {
        // GIVEN the current version
        ReportDefinitionVersion before = definitions.current(RevenueDefinition.NAME);

        // WHEN a change comes with a note and a ticket (the built-in rules, restated)
        ReportDefinitionVersion after =
                definitions.set(
                        change(
                                json(
                                        "{\"collected\": {\"reversals\": \"NET\", \"basis\": \"GROSS\"}}"),
                                "refunds net, as finance books them",
                                "FIN-20260215-003"),
                        finance);

        // THEN it is the next version, with its ticket and note apart
        assertEquals(before.version() + 1, after.version());
        assertEquals("FIN-20260215-003", after.changeTicket());
        assertEquals("refunds net, as finance books them", after.changeNote());
        assertEquals(after.version(), definitions.revenue(null).version());
        // AND the version before it is still there as it was; version 0 is the built-in one
        assertEquals(before, definitions.version(RevenueDefinition.NAME, before.version()));
        ReportDefinitionVersion builtIn = definitions.version(RevenueDefinition.NAME, 0);
        assertNull(builtIn.changeTicket());
        assertEquals(RevenueDefinition.DEFINITION.defaultValue(), builtIn.definition());
    }
}

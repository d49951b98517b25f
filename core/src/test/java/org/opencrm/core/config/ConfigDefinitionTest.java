package org.opencrm.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.breaker.BreakerSettings;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

/** Binding and checking configuration values; pure, no table. */
class ConfigDefinitionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ConfigDefinition<BreakerSettings> breaker = BreakerSettings.DEFINITION;

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception notJson) {
            throw new IllegalArgumentException(text, notJson);
        }
    }

    private List<FieldProblem> problemsOf(String value) {
        return assertThrows(ValidationException.class, () -> breaker.parse(json(value))).problems();
    }

    @Test
    void defaults_areFiveHundredRowsThreeChangesTwentyFourHours() {
        assertEquals(new BreakerSettings(500, 3, 24), breaker.defaults());
        assertEquals(
                json(
                        "{\"exportRowsPerDay\":500,\"levelChangesInRow\":3,\"levelChangeWindowHours\":24}"),
                breaker.defaultValue());
    }

    @Test
    void parse_emptyObject_givesTheDefaults() {
        assertEquals(breaker.defaults(), breaker.parse(json("{}")));
    }

    @Test
    void parse_partialValue_keepsTheDefaultsOfTheSettingsLeftOut() {
        BreakerSettings settings = breaker.parse(json("{\"exportRowsPerDay\": 2000}"));

        assertEquals(new BreakerSettings(2000, 3, 24), settings);
    }

    @Test
    void parse_acceptsTheBoundsThemselves() {
        assertEquals(
                new BreakerSettings(1, 2, 1),
                breaker.parse(
                        json(
                                "{\"exportRowsPerDay\":1,\"levelChangesInRow\":2,\"levelChangeWindowHours\":1}")));
        assertEquals(
                new BreakerSettings(1_000_000, 100, 720),
                breaker.parse(
                        json(
                                "{\"exportRowsPerDay\":1000000,\"levelChangesInRow\":100,\"levelChangeWindowHours\":720}")));
    }

    @Test
    void parse_reportsEveryRangeViolation_withTheBoundCrossed() {
        List<FieldProblem> problems =
                problemsOf(
                        "{\"exportRowsPerDay\":0,\"levelChangesInRow\":101,\"levelChangeWindowHours\":721}");

        assertEquals(
                List.of(
                        new FieldProblem(
                                "value.exportRowsPerDay",
                                "range",
                                "must be between 1 and 1000000, got 0",
                                1L),
                        new FieldProblem(
                                "value.levelChangesInRow",
                                "range",
                                "must be between 2 and 100, got 101",
                                100L),
                        new FieldProblem(
                                "value.levelChangeWindowHours",
                                "range",
                                "must be between 1 and 720, got 721",
                                720L)),
                problems);
    }

    @Test
    void parse_namesAnUnknownSetting_andListsTheKnownOnes() {
        List<FieldProblem> problems = problemsOf("{\"exportRowsPerDya\": 10}");

        assertEquals(1, problems.size(), problems.toString());
        FieldProblem unknown = problems.get(0);
        assertEquals("value.exportRowsPerDya", unknown.field());
        assertEquals("unknownField", unknown.rule());
        assertEquals(
                List.of("exportRowsPerDay", "levelChangesInRow", "levelChangeWindowHours"),
                unknown.limit());
        assertTrue(
                unknown.message()
                        .contains("exportRowsPerDay, levelChangesInRow, levelChangeWindowHours"),
                unknown.message());
    }

    @Test
    void parse_reportsUnknownSettingAndRangeViolationTogether() {
        List<FieldProblem> problems = problemsOf("{\"colour\": \"red\", \"levelChangesInRow\": 1}");

        assertEquals(
                List.of("value.colour", "value.levelChangesInRow"),
                problems.stream().map(FieldProblem::field).toList());
        assertEquals(
                List.of("unknownField", "range"),
                problems.stream().map(FieldProblem::rule).toList());
    }

    @Test
    void parse_refusesNumbersInStringsAndFractions_ratherThanGuessing() {
        List<FieldProblem> problems =
                problemsOf("{\"exportRowsPerDay\": \"12\", \"levelChangesInRow\": 2.5}");

        assertEquals(
                List.of("value.exportRowsPerDay", "value.levelChangesInRow"),
                problems.stream().map(FieldProblem::field).toList());
        assertTrue(problems.stream().allMatch(p -> p.rule().equals("type")), problems.toString());
        assertTrue(problems.get(0).message().contains("got \"12\""), problems.get(0).message());
    }

    @Test
    void parse_refusesANumberTooBigForTheSetting_asWrongType() {
        List<FieldProblem> problems = problemsOf("{\"exportRowsPerDay\": 3000000000}");

        assertEquals(
                List.of(
                        new FieldProblem(
                                "value.exportRowsPerDay",
                                "type",
                                "must be a whole number from -2147483648 to 2147483647, got 3000000000",
                                "int")),
                problems);
    }

    @Test
    void parse_refusesExplicitNull_sayingHowToKeepTheDefault() {
        List<FieldProblem> problems = problemsOf("{\"levelChangeWindowHours\": null}");

        assertEquals("value.levelChangeWindowHours", problems.get(0).field());
        assertEquals("notNull", problems.get(0).rule());
    }

    @Test
    void parse_refusesAnythingButAnObject() {
        for (String value : List.of("[]", "42", "\"breaker\"", "null")) {
            List<FieldProblem> problems = problemsOf(value);

            assertEquals(
                    List.of("value"), problems.stream().map(FieldProblem::field).toList(), value);
            assertEquals("type", problems.get(0).rule(), value);
        }
        List<FieldProblem> missing =
                assertThrows(ValidationException.class, () -> breaker.parse(null)).problems();
        assertEquals("value", missing.get(0).field());
    }

    @Test
    void toJson_writesEverySetting_andParsesBackToTheSameSettings() {
        BreakerSettings settings = new BreakerSettings(42, 5, 48);

        JsonNode written = breaker.toJson(settings);

        assertEquals(3, written.size());
        assertEquals(settings, breaker.parse(written));
    }

    @Test
    void definition_refusesADefaultThatBreaksItsOwnRules() {
        IllegalArgumentException broken =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new ConfigDefinition<>(
                                        "broken",
                                        BreakerSettings.class,
                                        new BreakerSettings(0, 3, 24),
                                        breaker.rules()));

        assertTrue(broken.getMessage().contains("value.exportRowsPerDay"), broken.getMessage());
    }

    @Test
    void known_findsTheBreaker_andRefusesAnUnknownName_listingTheKnownOnes() {
        assertEquals(BreakerSettings.DEFINITION, CoreServices.CONFIGURATIONS.require("breaker"));

        ValidationException unknown =
                assertThrows(
                        ValidationException.class,
                        () -> CoreServices.CONFIGURATIONS.require("braker"));

        assertEquals(
                List.of(
                        new FieldProblem(
                                "name",
                                "knownConfiguration",
                                "must be one of: breaker, leadChannels, assignment, leadDisqualifyReasons, notifications, poolReminders, pipeline, dealLostReasons, activityTags, workingCalendar, revenueReconciliation, splitOrderRules, healthRules, ticketTaxonomy, slaPolicy, rateLimits, webhookSigning, got braker",
                                List.of(
                                        "breaker",
                                        "leadChannels",
                                        "assignment",
                                        "leadDisqualifyReasons",
                                        "notifications",
                                        "poolReminders",
                                        "pipeline",
                                        "dealLostReasons",
                                        "activityTags",
                                        "workingCalendar",
                                        "revenueReconciliation",
                                        "splitOrderRules",
                                        "healthRules",
                                        "ticketTaxonomy",
                                        "slaPolicy",
                                        "rateLimits",
                                        "webhookSigning"))),
                unknown.problems());
    }

    @Test
    void definitions_refuseTheSameNameTwice() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new ConfigDefinitions(
                                List.of(BreakerSettings.DEFINITION, BreakerSettings.DEFINITION)));
    }
}

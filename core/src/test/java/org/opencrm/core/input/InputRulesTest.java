package org.opencrm.core.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

/** Issue 18: the limits every input meets before a store sees it. Pure. */
class InputRulesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "3f2c9a1e-6b7d-4c1a-9e2f-0a1b2c3d4e5f",
                "demo-rep-a1",
                "LEAD_ASSIGNED#lead-1#demo-rep-a1",
                "q-4f02d18b",
                "张伟",
                "😀"
            })
    void id_acceptsWhatTheSystemIssues(String id) {
        // GIVEN ids as the system makes them, and visible characters of any script
        // WHEN checked THEN nothing is wrong
        assertEquals(List.of(), InputRules.id("id", id));
        assertTrue(InputRules.isId(id));
    }

    @Test
    void id_refusesEmpty_withRuleMinLength() {
        // GIVEN an empty id WHEN checked
        FieldProblem problem = InputRules.id("id", "").get(0);

        // THEN it names field, rule and limit: DynamoDB refuses an empty key attribute
        assertEquals("id", problem.field());
        assertEquals("minLength", problem.rule());
        assertEquals(1, problem.limit());
    }

    @Test
    void id_refusesThreeKilobytes_withRuleMaxLength() {
        // GIVEN a 3 KB id, over DynamoDB's 2 KB partition key WHEN checked
        FieldProblem problem = InputRules.id("entityId", "x".repeat(3 * 1024)).get(0);

        // THEN maxLength with the limit, under any key DynamoDB takes
        assertEquals("entityId", problem.field());
        assertEquals("maxLength", problem.rule());
        assertEquals(InputRules.ID_MAX, problem.limit());
        assertTrue("x".repeat(InputRules.ID_MAX).getBytes(StandardCharsets.UTF_8).length <= 1024);
    }

    @Test
    void id_ofTheLimitExactly_isAccepted() {
        assertEquals(List.of(), InputRules.id("id", "x".repeat(InputRules.ID_MAX)));
        assertEquals(1, InputRules.id("id", "x".repeat(InputRules.ID_MAX + 1)).size());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a\u0000b",
                "a b",
                "\tx",
                "x\n",
                "\uD800",
                "x\uDC00",
                "\u202Eevil",
                "\uFEFF"
            })
    void id_refusesInvisibleCharacters_namingTheCharacterByCode(String id) {
        // GIVEN an id with NUL, a space, a control or format character or an unpaired surrogate
        FieldProblem problem = InputRules.id("id", id).get(0);

        // THEN rule characters, the allowed pattern as limit, and the character by its code only
        assertEquals("characters", problem.rule());
        assertEquals(InputRules.ID_CHARACTERS, problem.limit());
        assertTrue(problem.message().contains("U+"), problem.message());
        assertFalse(problem.message().contains(id), "the refused value is not echoed");
    }

    @Test
    void text_takesTabsLineBreaksAndSurrogatePairs() {
        assertEquals(List.of(), InputRules.text("note", "line one\r\n\tline two 😀 张", 100));
    }

    @Test
    void text_refusesNulAndUnpairedSurrogates() {
        assertEquals("characters", InputRules.text("note", "a\u0000", 100).get(0).rule());
        assertEquals("characters", InputRules.text("note", "a\uD800", 100).get(0).rule());
        assertEquals("characters", InputRules.text("note", "\uDFFFa", 100).get(0).rule());
        assertEquals("characters", InputRules.text("note", "bell\u0007", 100).get(0).rule());
    }

    @Test
    void text_overItsLimit_isMaxLengthWithTheLimit() {
        FieldProblem problem = InputRules.text("name", "x".repeat(11), 10).get(0);

        assertEquals("maxLength", problem.rule());
        assertEquals(10, problem.limit());
        assertEquals("name: at most 10 characters, got 11", problem.describe());
    }

    @Test
    void textLimit_isShortUnlessTheNameIsALongText() {
        // GIVEN names of key-like texts and of long texts
        // THEN a name not listed is bounded short, so a new field is bounded before anyone lists it
        assertEquals(InputRules.SHORT_TEXT_MAX, InputRules.textLimit("region"));
        assertEquals(InputRules.SHORT_TEXT_MAX, InputRules.textLimit("aFieldNobodyListed"));
        assertEquals(InputRules.LONG_TEXT_MAX, InputRules.textLimit("note"));
        assertEquals(InputRules.CURSOR_MAX, InputRules.textLimit("after"));
        assertEquals(InputRules.DOCUMENT_MAX, InputRules.textLimit("csv"));
        assertEquals(1, InputRules.text("region", "region", "x".repeat(257)).size());
        assertEquals(List.of(), InputRules.text("note", "note", "x".repeat(5_000)));
    }

    @Test
    void shortTexts_fitAnyDynamoDbSortKey() {
        // GIVEN the longest short text of three-byte characters (Chinese)
        String longest = "张".repeat(InputRules.SHORT_TEXT_MAX);

        // THEN with a prefix it still fits a sort key (1,024 bytes)
        assertTrue(("PREFIX#" + longest).getBytes(StandardCharsets.UTF_8).length <= 1024);
    }

    @Test
    void listSize_overTheLimit_isMaxItems() {
        assertTrue(InputRules.listSize("ids", 500, 500).isEmpty());
        FieldProblem problem = InputRules.listSize("ids", 501, 500).orElseThrow();
        assertEquals("maxItems", problem.rule());
        assertEquals(500, problem.limit());
    }

    @Test
    void number_boundsFirstAsAPageSize() {
        assertTrue(InputRules.number("first", "first", 100).isEmpty());
        assertEquals("range", InputRules.number("first", "first", 0).orElseThrow().rule());
        assertEquals("range", InputRules.number("first", "first", 101).orElseThrow().rule());
        assertTrue(InputRules.number("expectedVersion", "expectedVersion", -5).isEmpty());
    }

    @Test
    void json_refusesDeepNestingAndUnpairedSurrogates_withTheirPath() {
        // GIVEN a value nested too deep, and one with a lone surrogate inside
        Object deep = "leaf";
        for (int i = 0; i < InputRules.JSON_DEPTH_MAX + 1; i++) {
            deep = List.of(deep);
        }
        Object lone = Map.of("records", List.of(Map.of("phone", "138\uD800")));

        // THEN each is one problem, at its place inside the argument
        assertEquals("maxDepth", InputRules.json("value", deep).orElseThrow().rule());
        FieldProblem surrogate = InputRules.json("value", lone).orElseThrow();
        assertEquals("characters", surrogate.rule());
        assertEquals("value.records.0.phone", surrogate.field());
        assertTrue(InputRules.json("value", Map.of("name", "张伟", "n", 1)).isEmpty());
    }

    @Test
    void requireId_throwsTheProblemsAsOneValidationFailure() {
        ValidationException refused =
                assertThrows(ValidationException.class, () -> InputRules.requireId("chart", null));
        assertEquals("chart", refused.problems().get(0).field());
        assertEquals("ok", InputRules.requireId("chart", "ok"));
    }
}

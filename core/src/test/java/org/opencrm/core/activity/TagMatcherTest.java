package org.opencrm.core.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.error.ValidationException;

/** The intent-tag matcher over the default rules: pure, no I/O. */
class TagMatcherTest {

    private final ActivityTags rules = ActivityTags.defaults();

    @Test
    void tags_eachTagOnce_withTheTextThatEarnedIt_inTheRulesOrder() {
        // WHEN a call note mentions a competitor, then asks for a quote and a comparison
        List<TagMatch> tags = TagMatcher.match("客户提到别家，想要一份报价，再做个对比", rules);

        // THEN price inquiry comes first (rules' order), matched by its earliest keyword
        assertEquals(
                List.of(new TagMatch("PRICE_INQUIRY", "报价"), new TagMatch("COMPETITOR", "别家")),
                tags);
    }

    @Test
    void trialIntent_isFound_forEachOfItsKeywords() {
        for (String body : List.of("客户说先试试看", "能不能给个测试账号", "下周安排上门演示", "可以先部署一套")) {
            assertEquals(
                    List.of("TRIAL_INTENT"),
                    TagMatcher.match(body, rules).stream().map(TagMatch::tag).toList(),
                    body);
        }
    }

    @Test
    void aNegationRightBeforeAKeyword_suppressesIt_butOneFurtherAwayDoesNot() {
        // GIVEN a negation window of 2 characters
        // THEN 不 right before, or one/two characters before, suppresses the keyword
        assertEquals(List.of(), TagMatcher.match("客户不先试试", rules));
        assertEquals(List.of(), TagMatcher.match("客户没有报价需求", rules));
        assertEquals(List.of(), TagMatcher.match("客户不太想先试试", rules));
        // AND three characters away it does not
        assertEquals(
                List.of(new TagMatch("TRIAL_INTENT", "先试试")), TagMatcher.match("不过我们先试试", rules));
    }

    @Test
    void anAnotANotAQuestion_isARequest_notANegation() {
        assertEquals(
                List.of(new TagMatch("TRIAL_INTENT", "给个测试账号")),
                TagMatcher.match("能不能给个测试账号", rules));
        assertEquals(
                List.of(new TagMatch("PRICE_INQUIRY", "报价")), TagMatcher.match("要不要报价", rules));
    }

    @Test
    void aNegatedOccurrence_doesNotHideALaterOneThatCounts() {
        assertEquals(
                List.of(new TagMatch("PRICE_INQUIRY", "报价")),
                TagMatcher.match("上次没报价，这次要报价", rules));
    }

    @Test
    void aKeywordBeyondTheMatchWindow_doesNotTag() throws Exception {
        // GIVEN rules that read only the first 10 characters of a body
        ActivityTags firstTen =
                ActivityTags.DEFINITION.parse(
                        new ObjectMapper().readTree("{\"matchWindowChars\": 10}"));
        String quoted = "电话沟通顺利，已发资料。附：客户邮件：请给个测试账号";

        // THEN the keyword past character 10 is not counted, though the defaults count it
        assertEquals(List.of(), TagMatcher.match(quoted, firstTen));
        assertEquals(1, TagMatcher.match(quoted, rules).size());
    }

    @Test
    void latinKeywords_matchIgnoringCase_andReportTheTextAsWritten() throws Exception {
        ActivityTags withLatin =
                ActivityTags.DEFINITION.parse(
                        new ObjectMapper()
                                .readTree(
                                        "{\"rules\": [{\"tag\": \"PRICE_INQUIRY\", \"keywords\":"
                                                + " [\"quote\"]}], \"highPotentialTag\":"
                                                + " \"PRICE_INQUIRY\"}"));

        assertEquals(
                List.of(new TagMatch("PRICE_INQUIRY", "Quote")),
                TagMatcher.match("Quote please", withLatin));
    }

    @Test
    void rulesNamingAnUnknownMoveTag_areRefused_withFieldAndRule() throws Exception {
        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () ->
                                ActivityTags.DEFINITION.parse(
                                        new ObjectMapper().readTree("{\"moveTag\": \"NOPE\"}")));

        assertEquals("value.moveTag", refused.problems().get(0).field());
        assertEquals("oneOf", refused.problems().get(0).rule());
    }

    @Test
    void blankBodies_haveNoTags() {
        assertEquals(List.of(), TagMatcher.match(null, rules));
        assertEquals(List.of(), TagMatcher.match("  ", rules));
    }
}

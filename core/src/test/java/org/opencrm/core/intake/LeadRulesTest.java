package org.opencrm.core.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.lead.LeadFields;

/** normalising and checking a mapped intake record. Pure. */
class LeadRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String E164 = "+8613812345678";
    private static final String EMAIL = "zhang@example.com";
    private static final String WECHAT = "zhangwei88";
    private static final String MASKED = "138****1234";
    // GB 11643 sample id; its check character X is published with it
    private static final String NATIONAL_ID = "11010519491231002X";

    private static LeadRules.Normalised normalise(ObjectNode raw) {
        LeadChannels.Channel website = LeadChannels.defaults().find("website").orElseThrow();
        return LeadRules.normalise(AliasMapping.apply(raw, website));
    }

    private static ObjectNode record() {
        return JSON.createObjectNode();
    }

    private static LeadFields accepted(ObjectNode raw) {
        LeadRules.Normalised result = normalise(raw);
        assertTrue(result.accepted(), () -> raw + " was refused: " + result.problems());
        assertNotNull(result.fields());
        return result.fields();
    }

    private static List<FieldProblem> refused(ObjectNode raw) {
        LeadRules.Normalised result = normalise(raw);
        assertFalse(result.accepted(), () -> raw + " was accepted: " + result.fields());
        assertNull(result.fields(), "no fields for a refused record");
        return result.problems();
    }

    private static FieldProblem problemOn(List<FieldProblem> problems, String field) {
        List<FieldProblem> onField =
                problems.stream().filter(problem -> field.equals(problem.field())).toList();
        assertEquals(
                1, onField.size(), () -> "one problem on " + field + " expected in " + problems);
        return onField.get(0);
    }

    private static Optional<FieldProblem> withRule(List<FieldProblem> problems, String rule) {
        return problems.stream().filter(problem -> rule.equals(problem.rule())).findFirst();
    }

    // ---- R-03 phones ----

    @ParameterizedTest
    @ValueSource(
            strings = {"+86 138-1234-5678", "(138)12345678", "138 1234 5678", "0086 13812345678"})
    void normalise_givesTheSameE164_forEveryR03SpellingOfAMobile(String written) {
        // GIVEN one of R-03's spellings of the mobile 138 1234 5678
        ObjectNode raw = record().put("phone", written);

        // WHEN it is normalised
        LeadFields fields = accepted(raw);

        // THEN the phone is the E.164 form
        assertEquals(E164, fields.phone());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tel", "mobile", "contact_phone"})
    void normalise_givesE164_forAPhoneSentUnderAnAlias(String alias) {
        // GIVEN a phone spelled with a country prefix, sent under an alias
        ObjectNode raw = record().put(alias, "+86 138-1234-5678");

        // WHEN / THEN it is the E.164 phone
        assertEquals(E164, accepted(raw).phone());
    }

    @Test
    void normalise_acceptsAPhoneSentAsAJsonNumber() {
        // GIVEN an 11-digit mobile as a JSON number
        ObjectNode raw = record().put("phone", 13812345678L);

        // WHEN / THEN it is read as the same mobile
        assertEquals(E164, accepted(raw).phone());
    }

    @Test
    void normalise_flagsAMaskedPhone_whenAnEmailRemains() {
        // GIVEN a masked phone and a usable email
        ObjectNode raw = record().put("phone", MASKED).put("email", EMAIL);

        // WHEN it is normalised
        LeadRules.Normalised result = normalise(raw);

        // THEN the record is accepted without a phone, keeps the email and is flagged as masked
        assertTrue(result.accepted(), result.problems().toString());
        assertNull(result.fields().phone());
        assertEquals(EMAIL, result.fields().email());
        FieldProblem flag = problemOn(result.flags(), "phone");
        assertEquals("masked", flag.rule());
    }

    @Test
    void normalise_flagsAMaskedPhone_whenAWechatIdRemains() {
        // GIVEN a masked phone and a usable WeChat id
        ObjectNode raw = record().put("phone", MASKED).put("wechatId", WECHAT);

        // WHEN it is normalised
        LeadRules.Normalised result = normalise(raw);

        // THEN it is accepted with the WeChat id only, flagged as masked
        assertTrue(result.accepted(), result.problems().toString());
        assertNull(result.fields().phone());
        assertEquals(WECHAT, result.fields().wechatId());
        assertEquals("masked", problemOn(result.flags(), "phone").rule());
    }

    @ParameterizedTest
    @ValueSource(strings = {"138****1234", "138xxxx1234", "138XXXX1234", "+86 138 **** 1234"})
    void normalise_neverUsesAMaskedNumberAsThePhone(String masked) {
        // GIVEN a masked number next to a usable email
        ObjectNode raw = record().put("phone", masked).put("email", EMAIL);

        // WHEN it is normalised
        LeadRules.Normalised result = normalise(raw);

        // THEN it is accepted without a phone and flagged with the masked rule
        assertTrue(result.accepted(), result.problems().toString());
        assertNull(result.fields().phone());
        assertTrue(withRule(result.flags(), "masked").isPresent(), result.flags().toString());
    }

    @Test
    void normalise_refusesAMaskedPhone_withRuleMasked_whenNoOtherContactIsGiven() {
        // GIVEN a masked phone and a name, but no email or WeChat id
        ObjectNode raw = record().put("name", "张伟").put("phone", MASKED);

        // WHEN it is normalised
        List<FieldProblem> problems = refused(raw);

        // THEN it is refused, the phone problem naming the masked rule
        assertEquals("masked", problemOn(problems, "phone").rule());
    }

    @Test
    void normalise_refusesAMaskedPhone_whenTheOtherContactIsNotUsable() {
        // GIVEN a masked phone next to an email that is not an address
        ObjectNode raw = record().put("phone", MASKED).put("email", "not-an-email");

        // WHEN it is normalised
        List<FieldProblem> problems = refused(raw);

        // THEN the masked phone stops the record (it is not merely flagged), and so does the email
        assertEquals("masked", problemOn(problems, "phone").rule());
        assertEquals("email", problemOn(problems, "email").field());
    }

    @Test
    void normalise_namesTheAliasOfAMaskedPhone_inItsFlag() {
        // GIVEN a masked phone sent as tel and a usable email
        ObjectNode raw = record().put("tel", MASKED).put("email", EMAIL);

        // WHEN it is normalised
        FieldProblem flag = problemOn(normalise(raw).flags(), "phone");

        // THEN the flag says which raw field carried it
        assertTrue(flag.message().contains("(sent as tel)"), flag.message());
    }

    @Test
    void normalise_refusesANumberThatIsNotAPhone_evenWhenAnEmailIsUsable() {
        // GIVEN a phone that is too short to be one, and a usable email
        ObjectNode raw = record().put("phone", "12345").put("email", EMAIL);

        // WHEN it is normalised
        List<FieldProblem> problems = refused(raw);

        // THEN the phone is reported as a bad field (only masked numbers are flags)
        FieldProblem problem = problemOn(problems, "phone");
        assertFalse("masked".equals(problem.rule()), problem.toString());
    }

    // ---- contacts ----

    @Test
    void normalise_refusesARecordWithNoContact_withRuleOneContactRequired() {
        // GIVEN a record with a name and company but no phone, email or WeChat id
        ObjectNode raw = record().put("name", "张伟").put("company", "深圳星河科技");

        // WHEN it is normalised
        List<FieldProblem> problems = refused(raw);

        // THEN the one reason is that a contact is required
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("oneContactRequired", problems.get(0).rule());
    }

    @Test
    void normalise_refusesARecordWhoseContactsAreAllEmpty_withRuleOneContactRequired() {
        // GIVEN contact fields that are present but empty
        ObjectNode raw =
                record().put("name", "张伟").put("phone", "").put("email", " ").put("wechatId", "");

        // WHEN it is normalised
        List<FieldProblem> problems = refused(raw);

        // THEN no contact is usable
        assertTrue(withRule(problems, "oneContactRequired").isPresent(), problems.toString());
    }

    @Test
    void normalise_acceptsAnyOneUsableContact() {
        // GIVEN three records, each with a different single contact
        // WHEN / THEN each is accepted with that contact
        assertEquals(E164, accepted(record().put("phone", "13812345678")).phone());
        assertEquals(EMAIL, accepted(record().put("email", EMAIL)).email());
        assertEquals(WECHAT, accepted(record().put("wechatId", WECHAT)).wechatId());
    }

    @Test
    void normalise_lowerCasesTheEmail() {
        // GIVEN an email in mixed case (LeadFields: email lower-cased)
        ObjectNode raw = record().put("email", "Zhang.Wei@Example.COM");

        // WHEN / THEN it is stored lower-cased
        assertEquals("zhang.wei@example.com", accepted(raw).email());
    }

    // ---- budgets ----

    @ParameterizedTest
    @ValueSource(strings = {"50万", "500,000", "0.5M"})
    void normalise_readsEveryWrittenHalfMillionBudget_as500000Cny(String written) {
        // GIVEN a budget written as text
        ObjectNode raw = record().put("phone", "13812345678").put("budget", written);

        // WHEN it is normalised
        BigDecimal budget = accepted(raw).budget();

        // THEN it is half a million CNY
        assertNotNull(budget);
        assertEquals(0, new BigDecimal("500000").compareTo(budget), budget::toPlainString);
    }

    @Test
    void normalise_acceptsAJsonNumberBudget_asIs() {
        // GIVEN a budget that is already a JSON number, in yuan and fen
        ObjectNode raw =
                record().put("phone", "13812345678").put("budget", new BigDecimal("123456.78"));

        // WHEN it is normalised
        BigDecimal budget = accepted(raw).budget();

        // THEN the amount is unchanged
        assertEquals(0, new BigDecimal("123456.78").compareTo(budget), budget::toPlainString);
    }

    @Test
    void normalise_readsABudgetSentUnderTheChineseAlias() {
        // GIVEN a budget under 预算
        ObjectNode raw = record().put("phone", "13812345678").put("预算", "50万");

        // WHEN / THEN it is the budget
        assertEquals(0, new BigDecimal("500000").compareTo(accepted(raw).budget()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"about 50万", "50-100万", "lots", "-500"})
    void normalise_refusesABadBudget_withAProblemOnBudget(String written) {
        // GIVEN a budget that is not one CNY amount, and a usable phone
        ObjectNode raw = record().put("phone", "13812345678").put("budget", written);

        // WHEN it is normalised
        List<FieldProblem> problems = refused(raw);

        // THEN the only problem is on the budget field
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("budget", problems.get(0).field());
    }

    @Test
    void normalise_refusesANegativeJsonNumberBudget_withAProblemOnBudget() {
        // GIVEN a negative budget as a JSON number
        ObjectNode raw = record().put("phone", "13812345678").put("budget", -1);

        // WHEN / THEN it is a problem on budget
        assertEquals("budget", problemOn(refused(raw), "budget").field());
    }

    // ---- interactions30d ----

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 9999, 10000})
    void normalise_acceptsInteractions_fromZeroTo10000(int count) {
        // GIVEN a whole number of interactions within 0..10000
        ObjectNode raw = record().put("phone", "13812345678").put("interactions30d", count);

        // WHEN / THEN it is kept
        assertEquals(count, accepted(raw).interactions30d());
    }

    @Test
    void normalise_acceptsInteractionsWrittenAsText() {
        // GIVEN a count written as text with spaces around it
        ObjectNode raw = record().put("phone", "13812345678").put("interactions30d", " 12 ");

        // WHEN / THEN it is the number 12
        assertEquals(12, accepted(raw).interactions30d());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "10001", "1.5", "twelve", "1e3", "99999999999"})
    void normalise_refusesInteractionsThatAreNotAWholeNumberFrom0To10000(String written) {
        // GIVEN a count outside 0..10000 or not a whole number
        ObjectNode raw = record().put("phone", "13812345678").put("interactions30d", written);

        // WHEN it is normalised
        FieldProblem problem = problemOn(refused(raw), "interactions30d");

        // THEN the problem names its rule and the upper limit
        assertNotNull(problem.rule());
        assertEquals(10_000, problem.limit());
    }

    @Test
    void normalise_refusesANegativeJsonNumberOfInteractions() {
        // GIVEN -1 interactions as a JSON number
        ObjectNode raw = record().put("phone", "13812345678").put("interactions30d", -1);

        // WHEN / THEN it is a problem on interactions30d
        assertEquals(10_000, problemOn(refused(raw), "interactions30d").limit());
    }

    // ---- regions ----

    @Test
    void normalise_flagsARegionThatIsNotARegionId_andDropsIt() {
        // GIVEN a city name instead of a region id
        ObjectNode raw = record().put("phone", "13812345678").put("region", "深圳");

        // WHEN it is normalised
        LeadRules.Normalised result = normalise(raw);

        // THEN the record is accepted, the region dropped and flagged
        assertTrue(result.accepted(), result.problems().toString());
        assertNull(result.fields().region());
        assertEquals(E164, result.fields().phone());
        assertEquals("region", problemOn(result.flags(), "region").field());
    }

    @Test
    void normalise_namesTheAliasOfABadRegion_inItsFlag() {
        // GIVEN a city name sent as 城市
        ObjectNode raw = record().put("phone", "13812345678").put("城市", "深圳");

        // WHEN it is normalised
        FieldProblem flag = problemOn(normalise(raw).flags(), "region");

        // THEN the flag names the raw field
        assertTrue(flag.message().contains("(sent as 城市)"), flag.message());
    }

    @Test
    void normalise_keepsARegionId() {
        // GIVEN a region id
        ObjectNode raw = record().put("phone", "13812345678").put("region", "cn-gd-sz");

        // WHEN it is normalised
        LeadRules.Normalised result = normalise(raw);

        // THEN it is kept and nothing is flagged
        assertEquals("cn-gd-sz", result.fields().region());
        assertTrue(result.flags().isEmpty(), result.flags().toString());
    }

    // ---- R-04 reporting ----

    @Test
    void normalise_reportsNotesOver2000Characters_withFieldRuleLimitAndCount() {
        // GIVEN notes of 2417 characters
        ObjectNode raw = record().put("phone", "13812345678").put("notes", "a".repeat(2417));

        // WHEN it is normalised
        FieldProblem problem = problemOn(refused(raw), "notes");

        // THEN R-04's example problem is reported exactly
        assertEquals("maxLength", problem.rule());
        assertEquals(2000, problem.limit());
        assertEquals("at most 2000 characters, got 2417", problem.message());
    }

    @Test
    void normalise_acceptsNotesOfExactly2000Characters_countingCharactersNotCodeUnits() {
        // GIVEN 2000 characters of notes, each outside the BMP (two UTF-16 units)
        ObjectNode raw = record().put("phone", "13812345678").put("notes", "😀".repeat(2000));

        // WHEN / THEN they are kept whole
        assertEquals("😀".repeat(2000), accepted(raw).notes());
    }

    @Test
    void normalise_refusesNotesOf2001Characters() {
        // GIVEN 2001 Chinese characters of notes
        ObjectNode raw = record().put("phone", "13812345678").put("notes", "备".repeat(2001));

        // WHEN / THEN they are one character too many
        assertEquals(
                "at most 2000 characters, got 2001", problemOn(refused(raw), "notes").message());
    }

    @Test
    void normalise_reportsEveryBadFieldAtOnce_eachWithFieldAndRule() {
        // GIVEN a record in which every checked field is bad
        ObjectNode raw =
                record().put("name", "名".repeat(101))
                        .put("phone", "12345")
                        .put("email", "not-an-email")
                        .put("wechatId", "1bad")
                        .put("company", "c".repeat(201))
                        .put("budget", "lots")
                        .put("notes", "n".repeat(2001))
                        .put("interactions30d", "10001")
                        .put("nationalId", "123");

        // WHEN it is normalised
        List<FieldProblem> problems = refused(raw);

        // THEN there is one problem per bad field, each naming its field and rule
        Set<String> fields = problems.stream().map(FieldProblem::field).collect(Collectors.toSet());
        assertEquals(
                Set.of(
                        "name",
                        "phone",
                        "email",
                        "wechatId",
                        "company",
                        "budget",
                        "notes",
                        "interactions30d",
                        "nationalId"),
                fields);
        assertEquals(9, problems.size(), problems.toString());
        problems.forEach(problem -> assertNotNull(problem.rule(), problem.toString()));
        assertEquals(100, problemOn(problems, "name").limit());
        assertEquals(200, problemOn(problems, "company").limit());
        assertEquals(2000, problemOn(problems, "notes").limit());
    }

    @Test
    void normalise_mentionsTheAliasInTheMessage_ofAProblemOnAnAliasedField() {
        // GIVEN a bad phone sent as tel and overlong notes sent as remark
        ObjectNode raw =
                record().put("tel", "12345").put("remark", "r".repeat(2417)).put("email", EMAIL);

        // WHEN it is normalised
        List<FieldProblem> problems = refused(raw);

        // THEN each message names the raw field it arrived under
        assertTrue(
                problemOn(problems, "phone").message().endsWith("(sent as tel)"),
                problems.toString());
        assertEquals(
                "at most 2000 characters, got 2417 (sent as remark)",
                problemOn(problems, "notes").message());
    }

    @Test
    void normalise_doesNotMentionAnAlias_forAFieldSentUnderItsCanonicalName() {
        // GIVEN a bad email sent as email
        ObjectNode raw = record().put("email", "not-an-email");

        // WHEN it is normalised
        FieldProblem problem = problemOn(refused(raw), "email");

        // THEN the message has no "sent as"
        assertFalse(problem.message().contains("sent as"), problem.message());
    }

    @Test
    void normalise_acceptsAFullRecord_withEveryFieldNormalised() {
        // GIVEN a complete, valid record sent under aliases
        ObjectNode raw =
                record().put("姓名", "张伟")
                        .put("手机号", "138 1234 5678")
                        .put("邮箱", EMAIL)
                        .put("微信号", WECHAT)
                        .put("公司", "深圳星河科技")
                        .put("city", "sz")
                        .put("预算", "0.5M")
                        .put("备注", "想了解价格")
                        .put("interactions", 7)
                        .put("身份证号", NATIONAL_ID);

        // WHEN it is normalised
        LeadRules.Normalised result = normalise(raw);

        // THEN every canonical field is filled and nothing is flagged
        assertTrue(result.accepted(), result.problems().toString());
        assertTrue(result.flags().isEmpty(), result.flags().toString());
        LeadFields fields = result.fields();
        assertEquals("张伟", fields.name());
        assertEquals(E164, fields.phone());
        assertEquals(EMAIL, fields.email());
        assertEquals(WECHAT, fields.wechatId());
        assertEquals("深圳星河科技", fields.company());
        assertEquals("sz", fields.region());
        assertEquals(0, new BigDecimal("500000").compareTo(fields.budget()));
        assertEquals("想了解价格", fields.notes());
        assertEquals(7, fields.interactions30d());
        assertEquals(NATIONAL_ID, fields.nationalId());
    }

    @Test
    void normalise_reasonsListStoppingProblemsBeforeFlags() {
        // GIVEN a record refused for its notes, with a region that is only flagged
        ObjectNode raw =
                record().put("phone", "13812345678")
                        .put("region", "深圳")
                        .put("notes", "n".repeat(2001));

        // WHEN it is normalised
        LeadRules.Normalised result = normalise(raw);

        // THEN the notes problem comes first among the reasons, then the region flag
        List<FieldProblem> reasons = result.reasons();
        assertEquals(
                List.of("notes", "region"), reasons.stream().map(FieldProblem::field).toList());
    }

    @Test
    void normalise_acceptsACsvRowWhoseHeadersAreCapitalisedCanonicalNames() {
        // GIVEN a CSV import row with the headers Name, Phone, Email
        ObjectNode raw =
                JSON.createObjectNode()
                        .put("Name", "张伟")
                        .put("Phone", "13812345678")
                        .put("Email", "zhang@example.com");
        LeadChannels.Channel csv = LeadChannels.defaults().find("csv").orElseThrow();
        // WHEN it is normalised
        LeadRules.Normalised result = LeadRules.normalise(AliasMapping.apply(raw, csv));
        // THEN it is accepted with those fields (R-02: matching is case-insensitive)
        assertTrue(result.accepted(), result.problems().toString());
        assertEquals("+8613812345678", result.fields().phone());
        assertEquals("zhang@example.com", result.fields().email());
        assertEquals("张伟", result.fields().name());
    }

    @Test
    void normalise_keepsAPhoneSentAsAJsonArrayInExtra_ratherThanLosingIt() {
        ObjectNode raw = JSON.createObjectNode().put("email", "zhang@example.com");
        raw.putArray("phone").add("13812345678");

        AliasMapping mapped =
                AliasMapping.apply(raw, LeadChannels.defaults().find("website").orElseThrow());
        LeadRules.Normalised result = LeadRules.normalise(mapped);

        assertTrue(result.accepted(), result.problems().toString());
        assertEquals(List.of("13812345678"), mapped.extra().get("phone"));
    }

    @Test
    void normalise_flagsAPhoneMaskedWithFullWidthAsterisks_whenAnEmailRemains() {
        ObjectNode raw =
                JSON.createObjectNode()
                        .put("phone", "138＊＊＊＊1234")
                        .put("email", "zhang@example.com");

        LeadRules.Normalised result =
                LeadRules.normalise(
                        AliasMapping.apply(
                                raw, LeadChannels.defaults().find("website").orElseThrow()));

        assertTrue(result.accepted(), result.problems().toString());
        assertNull(result.fields().phone());
        assertEquals("masked", result.flags().get(0).rule());
    }

    @Test
    void normalise_acceptsAWholeNumberOfInteractionsWrittenWithADecimalPoint() {
        ObjectNode raw =
                JSON.createObjectNode().put("phone", "13812345678").put("interactions30d", 12.0);

        LeadRules.Normalised result =
                LeadRules.normalise(
                        AliasMapping.apply(
                                raw, LeadChannels.defaults().find("website").orElseThrow()));

        assertTrue(result.accepted(), result.problems().toString());
        assertEquals(12, result.fields().interactions30d());
    }

    @Test
    void normalise_givesTheSameBudget_forANumberAndForText() {
        LeadChannels.Channel website = LeadChannels.defaults().find("website").orElseThrow();
        ObjectNode asNumber =
                JSON.createObjectNode().put("phone", "13812345678").put("budget", 500000);
        ObjectNode asText =
                JSON.createObjectNode().put("phone", "13812345678").put("budget", "500000");

        BigDecimal fromNumber =
                LeadRules.normalise(AliasMapping.apply(asNumber, website)).fields().budget();
        BigDecimal fromText =
                LeadRules.normalise(AliasMapping.apply(asText, website)).fields().budget();

        assertEquals(fromText, fromNumber);
        assertEquals("500000", fromNumber.toPlainString());
    }

    @Test
    void aRecordWithNulOrAnUnpairedSurrogate_isRefused_withRuleCharacters() {
        // GIVEN a webhook record whose JSON escapes carried a NUL and a lone surrogate
        ObjectNode raw = record().put("name", "Zhang\u0000Wei").put("email", "q\uDFFF@example.com");

        // WHEN normalised
        List<FieldProblem> problems = refused(raw);

        // THEN it is quarantined naming each field and the characters rule, before any of its
        // values can become an identity key
        assertTrue(
                problems.stream()
                        .anyMatch(p -> p.field().equals("name") && p.rule().equals("characters")),
                problems::toString);
        assertTrue(
                problems.stream()
                        .anyMatch(p -> p.field().equals("email") && p.rule().equals("characters")),
                problems::toString);
    }
}

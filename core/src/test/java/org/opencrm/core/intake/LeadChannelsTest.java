package org.opencrm.core.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

/** the channel configuration, its built-in channels and its rules. Pure. */
class LeadChannelsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> RELIED_ON =
            List.of(
                    "website",
                    "wechat_oa",
                    "douyin",
                    "xiaohongshu",
                    "trade_show",
                    "referral",
                    "facebook",
                    "csv");
    private static final List<String> CANONICAL =
            List.of(
                    "name",
                    "phone",
                    "email",
                    "wechatId",
                    "company",
                    "region",
                    "budget",
                    "notes",
                    "interactions30d",
                    "nationalId");

    /** {"channels": {id: {"label": label, "aliases": aliases}}} */
    private static ObjectNode value(String id, String label, Map<String, String> aliases) {
        ObjectNode value = JSON.createObjectNode();
        ObjectNode channel = value.putObject("channels").putObject(id);
        channel.put("label", label);
        ObjectNode map = channel.putObject("aliases");
        aliases.forEach(map::put);
        return value;
    }

    private static List<FieldProblem> problemsOf(ObjectNode value) {
        return assertThrows(ValidationException.class, () -> LeadChannels.DEFINITION.parse(value))
                .problems();
    }

    private static FieldProblem onlyProblem(ObjectNode value) {
        List<FieldProblem> problems = problemsOf(value);
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    // ---- built-in channels ----

    @Test
    void builtInChannelIds_includeEveryChannelTheSystemReliesOn() {
        // GIVEN the ids the rest of the system uses
        // WHEN the built-in ids are listed
        List<String> ids = LeadChannels.builtInChannelIds();

        // THEN every one of them is there, once
        assertTrue(ids.containsAll(RELIED_ON), ids.toString());
        assertEquals(ids.size(), Set.copyOf(ids).size(), ids.toString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "website",
                "wechat_oa",
                "douyin",
                "xiaohongshu",
                "trade_show",
                "referral",
                "facebook",
                "csv"
            })
    void defaults_mapMobileTelAndContactPhone_toPhone_onEveryBuiltInChannel(String id) {
        // GIVEN a built-in channel
        LeadChannels.Channel channel = LeadChannels.defaults().find(id).orElseThrow();

        // WHEN / THEN each of the common phone aliases means phone
        for (String alias : List.of("mobile", "tel", "contact_phone")) {
            assertEquals(Optional.of("phone"), channel.canonicalOf(alias), id + ": " + alias);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "website",
                "wechat_oa",
                "douyin",
                "xiaohongshu",
                "trade_show",
                "referral",
                "facebook",
                "csv"
            })
    void defaults_mapEveryCanonicalName_toItself_onEveryBuiltInChannel(String id) {
        // GIVEN a built-in channel
        LeadChannels.Channel channel = LeadChannels.defaults().find(id).orElseThrow();

        // WHEN / THEN every canonical field name maps to itself
        for (String field : CANONICAL) {
            assertEquals(Optional.of(field), channel.canonicalOf(field), id + ": " + field);
        }
    }

    @Test
    void defaults_passTheirOwnRules() {
        // GIVEN the built-in configuration
        // WHEN it is checked
        List<FieldProblem> problems = LeadChannels.problems(LeadChannels.defaults());

        // THEN nothing is wrong with it
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void defaults_surviveAParseOfTheirOwnJson() {
        // GIVEN the default value as JSON
        // WHEN it is parsed back
        LeadChannels parsed = LeadChannels.DEFINITION.parse(LeadChannels.DEFINITION.defaultValue());

        // THEN it is the same configuration
        assertEquals(LeadChannels.defaults(), parsed);
    }

    // ---- Channel.canonicalOf ----

    @Test
    void canonicalOf_matchesAliasesIgnoringCaseAndSpaces_onBothSides() {
        // GIVEN a channel whose alias key is written in mixed case with spaces
        LeadChannels.Channel channel =
                new LeadChannels.Channel("Expo", Map.of(" Booth_Phone ", "phone"));

        // WHEN / THEN differently written raw names still find it
        assertEquals(Optional.of("phone"), channel.canonicalOf("booth_phone"));
        assertEquals(Optional.of("phone"), channel.canonicalOf("BOOTH_PHONE  "));
    }

    @Test
    void canonicalOf_isEmpty_forARawNameTheChannelDoesNotKnow() {
        // GIVEN the website channel
        LeadChannels.Channel website = LeadChannels.defaults().find("website").orElseThrow();

        // WHEN / THEN an unknown raw name maps to nothing
        assertEquals(Optional.empty(), website.canonicalOf("utm_source"));
    }

    @Test
    void channel_withoutAliases_stillMapsCanonicalNames() {
        // GIVEN a channel given null aliases
        LeadChannels.Channel channel = new LeadChannels.Channel("Bare", null);

        // WHEN / THEN canonical names work and nothing else does
        assertEquals(Optional.of("email"), channel.canonicalOf("email"));
        assertEquals(Optional.empty(), channel.canonicalOf("mobile"));
    }

    // ---- rules ----

    @Test
    void parse_acceptsAWellFormedChannel() {
        // GIVEN a channel with a valid id, label and alias
        ObjectNode value = value("wechat_mini", "WeChat mini program", Map.of("phoneNo", "phone"));

        // WHEN it is parsed
        LeadChannels parsed = LeadChannels.DEFINITION.parse(value);

        // THEN the channel is there with its alias
        LeadChannels.Channel channel = parsed.find("wechat_mini").orElseThrow();
        assertEquals("WeChat mini program", channel.label());
        assertEquals(Optional.of("phone"), channel.canonicalOf("phoneno"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "a1", "a_", "wechat_oa", "abcdefghijklmnopqrstuvwxyz012345"})
    void parse_acceptsChannelIdsMatchingThePattern(String id) {
        // GIVEN an id of 2-32 lower-case letters, digits or _, starting with a letter
        ObjectNode value = value(id, "Channel", Map.of());

        // WHEN / THEN it is accepted
        assertTrue(LeadChannels.DEFINITION.parse(value).find(id).isPresent());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a",
                "Website",
                "1abc",
                "_abc",
                "web-site",
                "web site",
                "网站",
                "abcdefghijklmnopqrstuvwxyz0123456"
            })
    void parse_refusesChannelIdsNotMatchingThePattern(String id) {
        // GIVEN an id the pattern ^[a-z][a-z0-9_]{1,31}$ does not match
        ObjectNode value = value(id, "Channel", Map.of());

        // WHEN it is parsed
        FieldProblem problem = onlyProblem(value);

        // THEN the problem is on that channel, with the pattern as its limit
        assertEquals("value.channels." + id, problem.field());
        assertEquals("^[a-z][a-z0-9_]{1,31}$", problem.limit());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mobile", "Phone", "wechatid", "remark", ""})
    void parse_refusesAnAliasWhoseTargetIsNotACanonicalField_withRuleCanonicalField(String target) {
        // GIVEN an alias pointing at something other than a canonical field name
        ObjectNode value = value("expo", "Expo", Map.of("booth_phone", target));

        // WHEN it is parsed
        FieldProblem problem = onlyProblem(value);

        // THEN the problem is on that alias, by the canonicalField rule
        assertEquals("canonicalField", problem.rule());
        assertTrue(problem.field().startsWith("value.channels.expo.aliases"), problem.field());
        assertTrue(problem.field().endsWith("booth_phone"), problem.field());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "name",
                "phone",
                "email",
                "wechatId",
                "company",
                "region",
                "budget",
                "notes",
                "interactions30d",
                "nationalId"
            })
    void parse_acceptsAnAliasToEveryCanonicalField(String target) {
        // GIVEN an alias to a canonical field
        ObjectNode value = value("expo", "Expo", Map.of("x_field", target));

        // WHEN / THEN it is accepted and mapped
        assertEquals(
                Optional.of(target),
                LeadChannels.DEFINITION
                        .parse(value)
                        .find("expo")
                        .orElseThrow()
                        .canonicalOf("x_field"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 60})
    void parse_acceptsLabelsOf1To60Characters(int length) {
        // GIVEN a label at either bound
        ObjectNode value = value("expo", "L".repeat(length), Map.of());

        // WHEN / THEN it is accepted
        assertEquals(
                "L".repeat(length),
                LeadChannels.DEFINITION.parse(value).find("expo").orElseThrow().label());
    }

    @Test
    void parse_refusesALabelOf61Characters() {
        // GIVEN a label one character too long
        ObjectNode value = value("expo", "L".repeat(61), Map.of());

        // WHEN it is parsed
        FieldProblem problem = onlyProblem(value);

        // THEN the problem is on the label with the limit 60
        assertEquals("value.channels.expo.label", problem.field());
        assertEquals(60, problem.limit());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void parse_refusesAnEmptyLabel(String label) {
        // GIVEN an empty or blank label
        ObjectNode value = value("expo", label, Map.of());

        // WHEN / THEN it is a problem on the label
        assertEquals("value.channels.expo.label", onlyProblem(value).field());
    }

    @Test
    void parse_refusesAChannelWithoutALabel() {
        // GIVEN a channel that leaves the label out
        ObjectNode value = JSON.createObjectNode();
        value.putObject("channels").putObject("expo").putObject("aliases");

        // WHEN / THEN the missing label is a problem
        assertEquals("value.channels.expo.label", onlyProblem(value).field());
    }

    @Test
    void parse_reportsEveryProblemAtOnce() {
        // GIVEN two channels: one with a bad id and a bad alias target, one with an overlong label
        ObjectNode value = JSON.createObjectNode();
        ObjectNode channels = value.putObject("channels");
        ObjectNode bad = channels.putObject("Bad-Id");
        bad.put("label", "Bad");
        bad.putObject("aliases").put("booth_phone", "mobile");
        channels.putObject("expo").put("label", "L".repeat(61)).putObject("aliases");

        // WHEN it is parsed
        List<FieldProblem> problems = problemsOf(value);

        // THEN all three problems are reported together
        assertEquals(3, problems.size(), problems.toString());
        Set<String> fields = problems.stream().map(FieldProblem::field).collect(Collectors.toSet());
        assertTrue(fields.contains("value.channels.Bad-Id"), fields.toString());
        assertTrue(fields.contains("value.channels.expo.label"), fields.toString());
        assertTrue(
                problems.stream().anyMatch(problem -> "canonicalField".equals(problem.rule())),
                problems.toString());
    }

    // ------------------------------------------------------------------ national id names

    @ParameterizedTest
    @ValueSource(
            strings = {
                "身份证",
                "身份证号",
                "身份证号码",
                "id_card",
                "ID Card",
                "idNumber",
                "id_number",
                "ID-No.",
                "national_id",
                "National ID Number",
                "identity_card"
            })
    void canonicalOf_aWellKnownNationalIdName_isNationalId_onAChannelWhoseMapDoesNotListIt(
            String raw) {
        // GIVEN a channel an admin added with no alias for national ids
        LeadChannels.Channel bare = new LeadChannels.Channel("Bare", Map.of("handy", "phone"));

        // WHEN a raw column named like a national id arrives
        // THEN it means nationalId, so it never lands in extra past the field matrix
        assertEquals(Optional.of("nationalId"), bare.canonicalOf(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"identity", "id", "card_no", "身份", "passport_photo"})
    void canonicalOf_namesThatOnlyResembleANationalId_areNotMapped(String raw) {
        // GIVEN a channel without aliases
        LeadChannels.Channel bare = new LeadChannels.Channel("Bare", Map.of());

        // WHEN / THEN these are not national id names: they stay unknown (and go to extra)
        assertEquals(Optional.empty(), bare.canonicalOf(raw));
    }

    @Test
    void parse_refusesAnAliasThatSendsANationalIdNameElsewhere_withRuleNationalIdName() {
        // GIVEN an alias map that would file 身份证 as notes
        ObjectNode value = value("expo", "Expo", Map.of("身份证", "notes"));

        // WHEN it is parsed
        FieldProblem problem = onlyProblem(value);

        // THEN it is refused on that alias, naming the field it must map to
        assertEquals("nationalIdName", problem.rule());
        assertEquals("value.channels.expo.aliases.身份证", problem.field());
        assertEquals("nationalId", problem.limit());
    }
}

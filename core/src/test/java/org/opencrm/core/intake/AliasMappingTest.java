package org.opencrm.core.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** a raw record through a channel's alias map. Pure. */
class AliasMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MOBILE = "13812345678";

    private static LeadChannels.Channel builtIn(String id) {
        return LeadChannels.defaults()
                .find(id)
                .orElseThrow(() -> new AssertionError("no built-in channel " + id));
    }

    private static AliasMapping throughWebsite(ObjectNode raw) {
        return AliasMapping.apply(raw, builtIn("website"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mobile", "tel", "contact_phone"})
    void apply_mapsAPhoneAlias_toThePhoneField_rememberingTheRawName(String alias) {
        // GIVEN a website record that sends its phone under an alias
        ObjectNode raw = JSON.createObjectNode().put(alias, MOBILE);

        // WHEN it is mapped
        AliasMapping mapped = throughWebsite(raw);

        // THEN the value is the phone, it arrived as the alias, and nothing is left over
        assertEquals(MOBILE, mapped.text("phone"));
        assertEquals(alias, mapped.sentAs().get("phone"));
        assertTrue(mapped.extra().isEmpty(), mapped.extra().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"MOBILE", "Tel", "Contact_Phone", "  tel  ", " Mobile"})
    void apply_matchesAnAliasIgnoringCaseAndSurroundingSpaces(String spelled) {
        // GIVEN an alias written in another case and/or with spaces around it
        ObjectNode raw = JSON.createObjectNode().put(spelled, MOBILE);

        // WHEN it is mapped
        AliasMapping mapped = throughWebsite(raw);

        // THEN it still names the phone and is not kept as an unknown field
        assertEquals(MOBILE, mapped.text("phone"));
        assertFalse(mapped.extra().containsKey(spelled), mapped.extra().toString());
    }

    @Test
    void apply_mapsEveryCanonicalName_toItself() {
        // GIVEN a record that uses only canonical field names
        ObjectNode raw =
                JSON.createObjectNode()
                        .put("name", "张伟")
                        .put("phone", MOBILE)
                        .put("email", "zhang@example.com")
                        .put("wechatId", "zhangwei88")
                        .put("company", "深圳星河科技")
                        .put("region", "sz")
                        .put("budget", "50万")
                        .put("notes", "想了解价格")
                        .put("interactions30d", 3)
                        .put("nationalId", "11010519491231002X");

        // WHEN it is mapped through a channel whose alias map names none of them
        AliasMapping mapped = AliasMapping.apply(raw, new LeadChannels.Channel("Bare", Map.of()));

        // THEN each canonical field holds its own value, under its own name, and nothing is extra
        assertEquals(
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
                        "nationalId"),
                List.copyOf(mapped.canonical().keySet()));
        assertEquals("张伟", mapped.text("name"));
        assertEquals("zhang@example.com", mapped.text("email"));
        assertEquals("3", mapped.text("interactions30d"));
        assertEquals(10, mapped.sentAs().size(), mapped.sentAs().toString());
        mapped.sentAs().forEach((canonical, rawName) -> assertEquals(canonical, rawName));
        assertTrue(mapped.extra().isEmpty(), mapped.extra().toString());
    }

    @Test
    void apply_keepsUnknownFieldsVerbatimInExtra_underTheirRawNames() {
        // GIVEN a record with fields no alias map knows, of several JSON types
        ObjectNode raw =
                JSON.createObjectNode()
                        .put("phone", MOBILE)
                        .put("utm_source", "baidu")
                        .put("score", 42);
        raw.putObject("utm").put("campaign", "spring").putArray("tags").add("a").add("b");

        // WHEN it is mapped
        AliasMapping mapped = throughWebsite(raw);

        // THEN every unknown field is in extra with its value unchanged, none dropped
        assertEquals(3, mapped.extra().size(), mapped.extra().toString());
        assertEquals("baidu", mapped.extra().get("utm_source"));
        assertEquals(42, mapped.extra().get("score"));
        assertEquals(
                Map.of("campaign", "spring", "tags", List.of("a", "b")), mapped.extra().get("utm"));
        assertFalse(mapped.canonical().containsKey("utm_source"));
    }

    @Test
    void apply_sendsASecondRawFieldForAFilledCanonicalField_toExtra() {
        // GIVEN a record carrying both tel and mobile
        ObjectNode raw = JSON.createObjectNode().put("tel", MOBILE).put("mobile", "13998765432");

        // WHEN it is mapped
        AliasMapping mapped = throughWebsite(raw);

        // THEN the first one is the phone and the second is kept in extra under its raw name
        assertEquals(MOBILE, mapped.text("phone"));
        assertEquals("tel", mapped.sentAs().get("phone"));
        assertEquals(Map.of("mobile", "13998765432"), mapped.extra());
    }

    @Test
    void apply_sendsEmptyValuesToExtra_andLetsALaterAliasFillTheField() {
        // GIVEN an empty tel, a blank wechat, a null email and a usable mobile
        ObjectNode raw =
                JSON.createObjectNode().put("tel", "").put("wechat", "   ").put("mobile", MOBILE);
        raw.putNull("email");

        // WHEN it is mapped
        AliasMapping mapped = throughWebsite(raw);

        // THEN the empty values are kept in extra, not mapped, and the phone comes from mobile
        assertEquals(MOBILE, mapped.text("phone"));
        assertEquals("mobile", mapped.sentAs().get("phone"));
        assertEquals("", mapped.extra().get("tel"));
        assertEquals("   ", mapped.extra().get("wechat"));
        assertTrue(mapped.extra().containsKey("email"), mapped.extra().toString());
        assertNull(mapped.extra().get("email"));
        assertFalse(mapped.canonical().containsKey("email"));
        assertFalse(mapped.canonical().containsKey("wechatId"));
    }

    @Test
    void apply_usesTheChannelsOwnAliases_onlyOnThatChannel() {
        // GIVEN a Douyin-only alias (telphone)
        ObjectNode raw = JSON.createObjectNode().put("telphone", MOBILE);

        // WHEN it arrives on Douyin and on the website
        AliasMapping onDouyin = AliasMapping.apply(raw, builtIn("douyin"));
        AliasMapping onWebsite = throughWebsite(raw);

        // THEN Douyin maps it to phone, the website keeps it as an unknown field
        assertEquals(MOBILE, onDouyin.text("phone"));
        assertNull(onWebsite.text("phone"));
        assertEquals(Map.of("telphone", MOBILE), onWebsite.extra());
    }

    @Test
    void text_isNull_forAFieldTheRecordDidNotCarry() {
        // GIVEN a record with only a phone
        AliasMapping mapped = throughWebsite(JSON.createObjectNode().put("phone", MOBILE));

        // WHEN / THEN the other canonical fields read as absent
        assertNull(mapped.text("email"));
        assertNull(mapped.text("budget"));
    }

    @Test
    void apply_mapsAnUnaliasedIdCardColumn_toNationalId_notToExtra() {
        // GIVEN a record with a 身份证 column, which the website alias map does not list
        ObjectNode raw =
                JSON.createObjectNode()
                        .put("phone", MOBILE)
                        .put("身份证", "11010519491231002X")
                        .put("utm_source", "baidu");

        // WHEN it is mapped
        AliasMapping mapped = throughWebsite(raw);

        // THEN the id is the canonical nationalId, remembered as sent; extra holds only the rest
        assertEquals("11010519491231002X", mapped.text("nationalId"));
        assertEquals("身份证", mapped.sentAs().get("nationalId"));
        assertEquals(Map.of("utm_source", "baidu"), mapped.extra());
    }
}

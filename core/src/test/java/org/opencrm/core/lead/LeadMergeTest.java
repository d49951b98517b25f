package org.opencrm.core.lead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** merging a second delivery into the lead it matched. Pure. */
class LeadMergeTest {

    private static final Instant CREATED = Instant.parse("2024-03-01T08:00:00Z");
    private static final Instant LATER = Instant.parse("2024-03-05T09:30:00Z");
    private static final String PHONE = "+8613812345678";

    private static LeadFields fields(
            String name, String phone, String email, String company, Integer interactions) {
        return LeadFields.builder()
                .name(name)
                .phone(phone)
                .email(email)
                .company(company)
                .interactions30d(interactions)
                .build();
    }

    private static LeadFields onlyPhone() {
        return fields(null, PHONE, null, null, null);
    }

    private static Lead lead(LeadFields fields, Map<String, Object> extra, List<String> sources) {
        return Lead.builder()
                .id("lead-1")
                .version(3)
                .channel("website")
                .status(LeadStatus.ASSIGNED)
                .fields(fields)
                .extra(extra)
                .raw("{\"phone\":\"13812345678\"}")
                .flags(List.of())
                .sources(sources)
                .ownerId("user-7")
                .team("team-south")
                .goldenId("golden-1")
                .createdAt(CREATED)
                .updatedAt(CREATED)
                .lastIntakeAt(CREATED)
                .build();
    }

    private static Lead lead(LeadFields fields) {
        return lead(fields, Map.of(), List.of("website"));
    }

    @Test
    void merge_fillsMissingFields_fromTheIncomingRecord() {
        // GIVEN a lead with only a phone, and a delivery with a name, email and company too
        Lead existing = lead(onlyPhone());
        LeadFields incoming = fields("张伟", PHONE, "zhang@example.com", "深圳星河科技", null);

        // WHEN they are merged
        LeadMerge.Result result = LeadMerge.merge(existing, incoming, Map.of(), "website", LATER);

        // THEN the missing fields are filled and named as contributed
        LeadFields merged = result.merged().fields();
        assertEquals("张伟", merged.name());
        assertEquals(PHONE, merged.phone());
        assertEquals("zhang@example.com", merged.email());
        assertEquals("深圳星河科技", merged.company());
        assertEquals(List.of("name", "email", "company"), result.contributed());
        assertTrue(result.changed());
    }

    @Test
    void merge_fillsEveryKindOfMissingField() {
        // GIVEN a lead with only a phone, and a delivery with every other field
        Lead existing = lead(onlyPhone());
        LeadFields incoming =
                LeadFields.builder()
                        .name("张伟")
                        .phone(PHONE)
                        .email("zhang@example.com")
                        .wechatId("zhangwei88")
                        .company("深圳星河科技")
                        .region("sz")
                        .budget(new BigDecimal("500000"))
                        .notes("想了解价格")
                        .interactions30d(4)
                        .nationalId("11010519491231002X")
                        .build();

        // WHEN they are merged
        LeadMerge.Result result = LeadMerge.merge(existing, incoming, Map.of(), "website", LATER);

        // THEN the merged fields are the incoming ones, and every field but the phone is
        // contributed
        assertEquals(incoming, result.merged().fields());
        assertEquals(
                List.of(
                        "name",
                        "email",
                        "wechatId",
                        "company",
                        "region",
                        "budget",
                        "notes",
                        "interactions30d",
                        "nationalId"),
                result.contributed());
    }

    @Test
    void merge_replacesAValueByTheLongerOneThatContainsIt() {
        // GIVEN a lead named 张 and a delivery naming 张伟
        Lead existing = lead(fields("张", PHONE, null, null, null));
        LeadFields incoming = fields("张伟", PHONE, null, null, null);

        // WHEN they are merged
        LeadMerge.Result result = LeadMerge.merge(existing, incoming, Map.of(), "website", LATER);

        // THEN the more complete name wins
        assertEquals("张伟", result.merged().fields().name());
        assertEquals(List.of("name"), result.contributed());
    }

    @Test
    void merge_keepsTheLongerValue_whenTheIncomingOneIsContainedInIt() {
        // GIVEN a lead named 张伟 and a delivery naming only 张
        Lead existing = lead(fields("张伟", PHONE, null, null, null));
        LeadFields incoming = fields("张", PHONE, null, null, null);

        // WHEN they are merged
        LeadMerge.Result result = LeadMerge.merge(existing, incoming, Map.of(), "website", LATER);

        // THEN nothing changes
        assertEquals("张伟", result.merged().fields().name());
        assertFalse(result.changed(), result.contributed().toString());
    }

    @Test
    void merge_keepsTheExistingValue_whenTheTwoDiffer() {
        // GIVEN a lead at one company, and a delivery naming a different company and a different
        // name
        Lead existing = lead(fields("张伟", PHONE, null, "深圳星河科技", null));
        LeadFields incoming = fields("李娜", PHONE, null, "广州云帆", null);

        // WHEN they are merged
        LeadMerge.Result result = LeadMerge.merge(existing, incoming, Map.of(), "website", LATER);

        // THEN the existing values stay and nothing is contributed
        assertEquals("张伟", result.merged().fields().name());
        assertEquals("深圳星河科技", result.merged().fields().company());
        assertFalse(result.changed(), result.contributed().toString());
    }

    @Test
    void merge_keepsTheExistingValue_whenTheIncomingOneIsLongerButDoesNotContainIt() {
        // GIVEN a lead named 张伟 and a delivery naming 王小明 (longer, but another person)
        Lead existing = lead(fields("张伟", PHONE, null, null, null));
        LeadFields incoming = fields("王小明", PHONE, null, null, null);

        // WHEN they are merged
        LeadMerge.Result result = LeadMerge.merge(existing, incoming, Map.of(), "website", LATER);

        // THEN the existing name stays
        assertEquals("张伟", result.merged().fields().name());
        assertFalse(result.contributed().contains("name"), result.contributed().toString());
    }

    @Test
    void merge_keepsTheLargerInteractionCount_whenTheIncomingOneIsLarger() {
        // GIVEN 3 interactions on the lead, 8 in the delivery
        Lead existing = lead(fields(null, PHONE, null, null, 3));
        LeadFields incoming = fields(null, PHONE, null, null, 8);

        // WHEN they are merged
        LeadMerge.Result result = LeadMerge.merge(existing, incoming, Map.of(), "website", LATER);

        // THEN the count is 8, contributed
        assertEquals(8, result.merged().fields().interactions30d());
        assertEquals(List.of("interactions30d"), result.contributed());
    }

    @Test
    void merge_keepsTheLargerInteractionCount_whenTheExistingOneIsLarger() {
        // GIVEN 8 interactions on the lead, 3 in the delivery
        Lead existing = lead(fields(null, PHONE, null, null, 8));
        LeadFields incoming = fields(null, PHONE, null, null, 3);

        // WHEN they are merged
        LeadMerge.Result result = LeadMerge.merge(existing, incoming, Map.of(), "website", LATER);

        // THEN the count stays 8 and nothing changes
        assertEquals(8, result.merged().fields().interactions30d());
        assertFalse(result.changed(), result.contributed().toString());
    }

    @Test
    void merge_fillsAMissingInteractionCount_evenWithZero() {
        // GIVEN a lead without a count and a delivery reporting 0
        Lead existing = lead(onlyPhone());
        LeadFields incoming = fields(null, PHONE, null, null, 0);

        // WHEN they are merged
        LeadMerge.Result result = LeadMerge.merge(existing, incoming, Map.of(), "website", LATER);

        // THEN the count is filled with 0
        assertEquals(0, result.merged().fields().interactions30d());
        assertEquals(List.of("interactions30d"), result.contributed());
    }

    @Test
    void merge_takesTheLatestStatedBudget() {
        // GIVEN a lead with a budget and a delivery stating another (LeadMerge: "the budget the
        // latest stated")
        Lead existing =
                lead(LeadFields.builder().phone(PHONE).budget(new BigDecimal("500000")).build());
        LeadFields incoming =
                LeadFields.builder().phone(PHONE).budget(new BigDecimal("300000")).build();

        // WHEN they are merged
        LeadMerge.Result result = LeadMerge.merge(existing, incoming, Map.of(), "website", LATER);

        // THEN the later budget is kept
        assertEquals(0, new BigDecimal("300000").compareTo(result.merged().fields().budget()));
        assertEquals(List.of("budget"), result.contributed());
    }

    @Test
    void merge_doesNotCountTheSameBudgetInAnotherScale_asAChange() {
        // GIVEN 500000 on the lead and 500000.00 in the delivery
        Lead existing =
                lead(LeadFields.builder().phone(PHONE).budget(new BigDecimal("500000")).build());
        LeadFields incoming =
                LeadFields.builder().phone(PHONE).budget(new BigDecimal("500000.00")).build();

        // WHEN they are merged
        LeadMerge.Result result = LeadMerge.merge(existing, incoming, Map.of(), "website", LATER);

        // THEN nothing changed
        assertFalse(result.changed(), result.contributed().toString());
    }

    @Test
    void merge_addsExtraKeysTheLeadDidNotHave_andKeepsTheValuesOfThoseItHad() {
        // GIVEN a lead with extra utm_source=baidu, and a delivery with utm_source=douyin and
        // campaign=spring
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("utm_source", "baidu");
        Lead existing = lead(onlyPhone(), before, List.of("website"));
        Map<String, Object> incomingExtra = new LinkedHashMap<>();
        incomingExtra.put("utm_source", "douyin");
        incomingExtra.put("campaign", "spring");

        // WHEN they are merged
        LeadMerge.Result result =
                LeadMerge.merge(existing, onlyPhone(), incomingExtra, "website", LATER);

        // THEN the new key is added, the old one keeps its value
        assertEquals(Map.of("utm_source", "baidu", "campaign", "spring"), result.merged().extra());
        assertTrue(result.changed());
        assertFalse(
                result.contributed().contains("extra.utm_source"), result.contributed().toString());
        assertTrue(
                result.contributed().contains("extra.campaign"), result.contributed().toString());
    }

    @Test
    void merge_addsTheNewChannelToTheSources_once() {
        // GIVEN a website lead and a Douyin delivery of the same person
        Lead existing = lead(onlyPhone());

        // WHEN the Douyin delivery is merged twice
        LeadMerge.Result first = LeadMerge.merge(existing, onlyPhone(), Map.of(), "douyin", LATER);
        LeadMerge.Result second =
                LeadMerge.merge(
                        first.merged(), onlyPhone(), Map.of(), "douyin", LATER.plusSeconds(60));

        // THEN Douyin is a source once: the first merge adds it, the second changes nothing
        assertEquals(List.of("website", "douyin"), first.merged().sources());
        assertEquals(List.of("sources"), first.contributed());
        assertEquals(List.of("website", "douyin"), second.merged().sources());
        assertFalse(second.changed(), second.contributed().toString());
    }

    @Test
    void merge_returnsTheLeadUnchanged_whenNothingIsNew() {
        // GIVEN a lead and a delivery from the same channel with the same or less information
        Map<String, Object> extra = Map.of("utm_source", "baidu");
        Lead existing =
                lead(fields("张伟", PHONE, "zhang@example.com", null, 5), extra, List.of("website"));
        LeadFields incoming = fields("张伟", PHONE, null, null, 5);

        // WHEN they are merged
        LeadMerge.Result result =
                LeadMerge.merge(
                        existing, incoming, Map.of("utm_source", "baidu"), "website", LATER);

        // THEN nothing changed: the very same lead, timestamps untouched
        assertFalse(result.changed());
        assertTrue(result.contributed().isEmpty(), result.contributed().toString());
        assertSame(existing, result.merged());
        assertEquals(CREATED, result.merged().updatedAt());
    }

    @Test
    void merge_keepsTheLeadsIdentity_andStampsTheMergeTime() {
        // GIVEN an assigned lead with an owner, and a delivery bringing an email
        Lead existing = lead(onlyPhone());
        LeadFields incoming = fields(null, PHONE, "zhang@example.com", null, null);

        // WHEN they are merged
        Lead merged = LeadMerge.merge(existing, incoming, Map.of(), "douyin", LATER).merged();

        // THEN who and what the lead is stays, only the times move on
        assertEquals(existing.id(), merged.id());
        assertEquals(existing.version(), merged.version());
        assertEquals("website", merged.channel());
        assertEquals(LeadStatus.ASSIGNED, merged.status());
        assertEquals("user-7", merged.ownerId());
        assertEquals("team-south", merged.team());
        assertEquals(existing.raw(), merged.raw());
        assertEquals(CREATED, merged.createdAt());
        assertEquals(LATER, merged.updatedAt());
        assertEquals(LATER, merged.lastIntakeAt());
    }

    @Test
    void merge_namesExactlyTheChangedFields_inCanonicalOrderThenExtraThenSources() {
        // GIVEN a lead named 张 with 2 interactions from the website
        Lead existing = lead(fields("张", PHONE, "zhang@example.com", "深圳星河科技", 2));
        // AND a Douyin delivery: a fuller name, another email, the same company, more interactions
        // and a new extra
        LeadFields incoming = fields("张伟", PHONE, "other@example.com", "深圳星河科技", 9);

        // WHEN they are merged
        LeadMerge.Result result =
                LeadMerge.merge(existing, incoming, Map.of("clue_id", "c-1"), "douyin", LATER);

        // THEN the contributions are the name, the count, the extra key and the source, nothing
        // else
        assertEquals(
                List.of("name", "interactions30d", "extra.clue_id", "sources"),
                result.contributed());
        assertEquals("zhang@example.com", result.merged().fields().email());
    }

    @Test
    void merge_leavesTheExistingLeadObjectUntouched() {
        // GIVEN a lead with only a phone
        Lead existing = lead(onlyPhone());

        // WHEN a delivery with a name is merged
        LeadMerge.merge(
                existing, fields("张伟", PHONE, null, null, null), Map.of("k", "v"), "douyin", LATER);

        // THEN the original lead is as it was
        assertEquals(onlyPhone(), existing.fields());
        assertEquals(Map.of(), existing.extra());
        assertEquals(List.of("website"), existing.sources());
    }
}

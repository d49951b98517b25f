package org.opencrm.core.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeTmpTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({"Phone, phone", "EMAIL, email", "Name, name", "wechatid, wechatId", "' email ', email"})
    void apply_mapsACanonicalNameWrittenInAnotherCase_toThatField(String spelled, String canonical) {
        // GIVEN a CSV-style header spelling a canonical field in another case
        ObjectNode raw = JSON.createObjectNode().put(spelled, "value");
        LeadChannels.Channel csv = LeadChannels.defaults().find("csv").orElseThrow();

        // WHEN it is mapped
        AliasMapping mapped = AliasMapping.apply(raw, csv);

        // THEN it fills the canonical field rather than being kept as unknown
        assertEquals("value", mapped.text(canonical), mapped.toString());
        assertFalse(mapped.extra().containsKey(spelled), mapped.extra().toString());
    }

    @Test
    void normalise_doesNotSilentlyLoseAPhoneSentAsAJsonArray() {
        // GIVEN a phone wrapped in a JSON array, next to a usable email
        ObjectNode raw = JSON.createObjectNode().put("email", "zhang@example.com");
        raw.putArray("phone").add("13812345678");
        AliasMapping mapped = AliasMapping.apply(raw, LeadChannels.defaults().find("website").orElseThrow());

        // WHEN it is normalised
        LeadRules.Normalised result = LeadRules.normalise(mapped);

        // THEN the phone value is either reported (problem or flag) or kept in extra; never silently gone
        boolean reported = result.reasons().stream().anyMatch(p -> "phone".equals(p.field()));
        boolean kept = mapped.extra().containsKey("phone");
        assertTrue(reported || kept, "accepted=" + result.accepted() + " fields=" + result.fields()
                + " reasons=" + result.reasons() + " extra=" + mapped.extra());
    }

    @Test
    void normalise_flagsAPhoneMaskedWithFullWidthAsterisks_whenAnEmailRemains() {
        ObjectNode raw = JSON.createObjectNode().put("phone", "138＊＊＊＊1234").put("email", "zhang@example.com");
        LeadRules.Normalised result = LeadRules.normalise(
                AliasMapping.apply(raw, LeadChannels.defaults().find("website").orElseThrow()));
        assertTrue(result.accepted(), result.problems().toString());
        assertNull(result.fields().phone());
        assertEquals("masked", result.flags().get(0).rule());
    }

    @Test
    void normalise_acceptsAWholeNumberOfInteractionsWrittenWithADecimalPoint() {
        ObjectNode raw = JSON.createObjectNode().put("phone", "13812345678").put("interactions30d", 12.0);
        LeadRules.Normalised result = LeadRules.normalise(
                AliasMapping.apply(raw, LeadChannels.defaults().find("website").orElseThrow()));
        assertTrue(result.accepted(), result.problems().toString());
        assertEquals(12, result.fields().interactions30d());
    }

    @Test
    void normalise_jsonNumberBudgetScale() {
        ObjectNode raw = JSON.createObjectNode().put("phone", "13812345678").put("budget", 500000);
        LeadRules.Normalised result = LeadRules.normalise(
                AliasMapping.apply(raw, LeadChannels.defaults().find("website").orElseThrow()));
        ObjectNode raw2 = JSON.createObjectNode().put("phone", "13812345678").put("budget", "500000");
        LeadRules.Normalised result2 = LeadRules.normalise(
                AliasMapping.apply(raw2, LeadChannels.defaults().find("website").orElseThrow()));
        assertEquals(result2.fields().budget(), result.fields().budget());
    }
}

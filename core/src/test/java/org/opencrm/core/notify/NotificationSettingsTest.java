package org.opencrm.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.core.error.ValidationException;

class NotificationSettingsTest {

    private static final NotificationSettings DEFAULTS = NotificationSettings.DEFINITION.defaults();

    @Test
    void smsAt23hShanghai_waitsUntil08hNextMorning() {
        Instant elevenPm = Instant.parse("2026-11-23T15:00:00Z"); // 23:00 in Shanghai (UTC+8)

        assertEquals(Instant.parse("2026-11-24T00:00:00Z"), DEFAULTS.smsAllowedFrom(elevenPm));
    }

    @Test
    void smsAt03h_waitsUntil08hTheSameMorning_andAt08hGoesAtOnce() {
        Instant threeAm = Instant.parse("2026-11-23T19:00:00Z"); // 03:00 on the 24th in Shanghai
        Instant eightAm = Instant.parse("2026-11-24T00:00:00Z");

        assertEquals(eightAm, DEFAULTS.smsAllowedFrom(threeAm));
        assertEquals(eightAm, DEFAULTS.smsAllowedFrom(eightAm));
    }

    @Test
    void smsAt20h59_goesAtOnce() {
        Instant evening = Instant.parse("2026-11-23T12:59:00Z"); // 20:59 in Shanghai

        assertEquals(evening, DEFAULTS.smsAllowedFrom(evening));
    }

    @Test
    void channels_followTheUsersOwnChoice_overTheKindsDefault() {
        Map<String, List<String>> mine = Map.of("SLA_WARNING", List.of("ROBOT"));

        assertEquals(List.of("ROBOT"), DEFAULTS.channelsFor(NotificationKind.SLA_WARNING, mine));
        assertEquals(
                List.of("INBOX", "ROBOT"),
                DEFAULTS.channelsFor(NotificationKind.SLA_WARNING, Map.of()));
        assertEquals(
                List.of("INBOX"), DEFAULTS.channelsFor(NotificationKind.ACCOUNT_SUSPENDED, mine));
    }

    @Test
    void settings_refuseARobotWithoutItsSecret_andAnUnknownChannel() {
        ObjectMapper json = new ObjectMapper();
        var value = json.createObjectNode();
        value.putObject("robots")
                .putObject("user:rep-1")
                .put("type", "DINGTALK")
                .put("url", "https://oapi.example/send");
        value.putObject("channelsByKind").putArray("SLA_WARNING").add("PIGEON");

        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () -> NotificationSettings.DEFINITION.parse(value));

        assertEquals(
                List.of("value.robots.user:rep-1.secret", "value.channelsByKind.SLA_WARNING"),
                refused.problems().stream().map(p -> p.field()).toList());
    }
}

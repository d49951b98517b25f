package org.opencrm.functions;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Lambda events from JSON files under src/test/resources/events, with placeholders filled in. */
final class EventFixtures {

    // Lambda's event classes use bean setters named after the wire format ("Keys", "S", "BOOL").
    private static final ObjectMapper EVENTS =
            JsonMapper.builder()
                    .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build();

    private EventFixtures() {}

    static <T> T load(String name, Class<T> type, Map<String, String> placeholders) {
        try (InputStream in = EventFixtures.class.getResourceAsStream("/events/" + name)) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
                json = json.replace(placeholder.getKey(), placeholder.getValue());
            }
            return EVENTS.readValue(json, type);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}

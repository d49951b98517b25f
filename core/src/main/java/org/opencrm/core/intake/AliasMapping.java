package org.opencrm.core.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.store.JsonText;

/**
 * A raw record through a channel's alias map. Pure. Fields the map does not know go to
 * {@code extra} under their raw names, never dropped; so does a second raw field for a canonical
 * field already filled (e.g. both {@code tel} and {@code mobile}).
 *
 * @param canonical canonical field → the raw value
 * @param sentAs canonical field → the raw name it arrived under, for messages
 * @param extra raw name → value, for everything not mapped
 */
public record AliasMapping(
        Map<String, JsonNode> canonical, Map<String, String> sentAs, Map<String, Object> extra) {

    public AliasMapping {
        canonical = Collections.unmodifiableMap(new LinkedHashMap<>(canonical));
        sentAs = Collections.unmodifiableMap(new LinkedHashMap<>(sentAs));
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    public static AliasMapping apply(ObjectNode raw, LeadChannels.Channel channel) {
        Map<String, JsonNode> canonical = new LinkedHashMap<>();
        Map<String, String> sentAs = new LinkedHashMap<>();
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : raw.properties()) {
            Optional<String> target = channel.canonicalOf(field.getKey());
            // a list or an object is no field value: kept as it came, under its raw name
            if (target.isEmpty()
                    || canonical.containsKey(target.get())
                    || isEmpty(field.getValue())
                    || field.getValue().isContainerNode()) {
                extra.put(
                        field.getKey(),
                        JsonText.MAPPER.convertValue(field.getValue(), Object.class));
                continue;
            }
            canonical.put(target.get(), field.getValue());
            sentAs.put(target.get(), field.getKey());
        }
        return new AliasMapping(canonical, sentAs, extra);
    }

    /** The raw value of a canonical field as text; null when absent. */
    public String text(String field) {
        JsonNode value = canonical.get(field);
        return value == null ? null : value.asText();
    }

    private static boolean isEmpty(JsonNode value) {
        return value == null || value.isNull() || (value.isTextual() && value.asText().isBlank());
    }
}

package org.opencrm.infra.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/**
 * JSON bodies as bytes, unpaired surrogates included: Jackson writes a lone surrogate as the char
 * itself, which has no UTF-8 form (it would go out as {@code ?}); here it goes out as its JSON
 * escape ({@code \ud800}), as a hostile client would send it, and reaches the server's parser.
 */
final class FuzzJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FuzzJson() {}

    static byte[] bytes(Object value) {
        return escapeLoneSurrogates(text(value)).getBytes(StandardCharsets.UTF_8);
    }

    static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Only string contents can hold a lone surrogate, so its escape is valid JSON there. */
    static String escapeLoneSurrogates(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean pair =
                    Character.isHighSurrogate(c)
                            && i + 1 < json.length()
                            && Character.isLowSurrogate(json.charAt(i + 1));
            if (pair) {
                out.append(c).append(json.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

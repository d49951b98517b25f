package org.opencrm.graphql.persisted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.signing.Sha256;

/**
 * The registered operations (issue 18 item 6): an Apollo persisted query manifest ({@code
 * {"format": "apollo-persisted-query-manifest", "version": 1, "operations": [{"id", "name", "type",
 * "body"}]}}, what {@code generate-persisted-query-manifest} writes from the app's sources) shipped
 * in the jar and read once per container. Each id must be the SHA-256 of its body: a manifest that
 * says otherwise fails the container's start, not a user's request.
 */
public final class OperationManifest {

    /** Where the deployed manifest lives in the jar. */
    public static final String RESOURCE = "persisted/operations.json";

    static final String FORMAT = "apollo-persisted-query-manifest";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> bodiesById;

    private OperationManifest(Map<String, String> bodiesById) {
        this.bodiesById = Map.copyOf(bodiesById);
    }

    /** The manifest the jar carries. */
    public static OperationManifest deployed() {
        return fromResource(RESOURCE);
    }

    public static OperationManifest fromResource(String resource) {
        try (InputStream in =
                OperationManifest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "operation manifest missing from the jar: " + resource);
            }
            return parse(JSON.readTree(in), resource);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** Operations given as they are, each under its own hash (tests, tools). */
    public static OperationManifest of(Iterable<String> bodies) {
        Map<String, String> byId = new LinkedHashMap<>();
        bodies.forEach(body -> byId.put(Sha256.hex(body), body));
        return new OperationManifest(byId);
    }

    static OperationManifest parse(JsonNode manifest, String source) {
        if (!FORMAT.equals(manifest.path("format").asText())
                || manifest.path("version").asInt() != 1) {
            throw new IllegalStateException(source + ": not an " + FORMAT + " of version 1");
        }
        Map<String, String> byId = new LinkedHashMap<>();
        for (JsonNode operation : manifest.path("operations")) {
            String id = operation.path("id").asText();
            String body = operation.path("body").asText();
            if (!Sha256.hex(body).equals(id)) {
                throw new IllegalStateException(
                        source
                                + ": operation "
                                + operation.path("name").asText()
                                + " has id "
                                + id
                                + ", not the SHA-256 of its body");
            }
            byId.put(id, body);
        }
        return new OperationManifest(byId);
    }

    public Optional<String> find(String sha256Hex) {
        return Optional.ofNullable(bodiesById.get(sha256Hex));
    }

    public boolean contains(String sha256Hex) {
        return bodiesById.containsKey(sha256Hex);
    }

    public int size() {
        return bodiesById.size();
    }

    /** Every registered operation's text by its id (tests check each against the schema). */
    public Map<String, String> bodiesById() {
        return bodiesById;
    }
}

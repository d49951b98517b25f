package org.opencrm.graphql.persisted;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.persisted.PersistedQueryService;
import org.opencrm.core.signing.Sha256;
import org.opencrm.graphql.GraphqlRequest;

/**
 * Automatic persisted queries, the Apollo convention (issue 18 item 6), and the allow-list mode.
 *
 * <p>A request may carry {@code extensions.persistedQuery {version: 1, sha256Hash}}:
 *
 * <ul>
 *   <li>hash only: the stored text runs (the operation manifest, then every container's store); an
 *       unknown hash is answered {@code PersistedQueryNotFound} ({@code PERSISTED_QUERY_NOT_FOUND})
 *       and the client sends the text with the hash;
 *   <li>hash and text: the hash must be the text's SHA-256 ({@code BAD_USER_INPUT} otherwise); the
 *       text runs and, once it has parsed and validated, is stored under its hash.
 * </ul>
 *
 * <p>In allow-list mode (a stage flag: prod) only the operations of the {@link OperationManifest}
 * run, however they are sent; anything else is {@code PERSISTED_QUERY_NOT_ALLOWED}, and nothing a
 * client sends is stored.
 */
public final class PersistedQueries {

    public static final String EXTENSION = "persistedQuery";
    public static final int VERSION = 1;
    private static final String FIELD = "extensions." + EXTENSION;
    private static final Pattern HEX_64 = Pattern.compile("[0-9a-fA-F]{64}");

    private final PersistedQueryService stored;
    private final OperationManifest manifest;
    private final boolean allowListOnly;
    private final String environment;

    public PersistedQueries(
            PersistedQueryService stored,
            OperationManifest manifest,
            boolean allowListOnly,
            String environment) {
        this.stored = stored;
        this.manifest = manifest;
        this.allowListOnly = allowListOnly;
        this.environment = environment;
    }

    /**
     * The request to run, with its text.
     *
     * @param hashToRegister the hash to store the text under once it ran as a valid document, or
     *     null
     */
    public record Resolved(GraphqlRequest request, String hashToRegister) {}

    public Resolved resolve(GraphqlRequest request) {
        Optional<String> hash = hashIn(request.extensions());
        if (hash.isEmpty()) {
            // hashing the text is only needed where the allow-list holds: not on every request
            if (allowListOnly) {
                requireAllowed(request.query() == null ? null : Sha256.hex(request.query()));
            }
            return new Resolved(request, null);
        }
        if (request.query() == null) {
            return new Resolved(request.withQuery(textOf(hash.get())), null);
        }
        if (!Sha256.hex(request.query()).equals(hash.get())) {
            throw new ValidationException(
                    new FieldProblem(
                            FIELD + ".sha256Hash",
                            "matchesQuery",
                            "must be the SHA-256 (hex) of the query's UTF-8 text",
                            null));
        }
        requireAllowed(hash.get());
        boolean known = allowListOnly || manifest.contains(hash.get());
        return new Resolved(request, known ? null : hash.get());
    }

    /** Stores a text that ran as a valid document under its hash. */
    public void register(Resolved resolved) {
        if (resolved.hashToRegister() != null) {
            stored.register(resolved.hashToRegister(), resolved.request().query());
        }
    }

    private String textOf(String hash) {
        Optional<String> registered = manifest.find(hash);
        if (registered.isPresent()) {
            return registered.get();
        }
        requireAllowed(hash);
        return stored.find(hash).orElseThrow(() -> new PersistedQueryNotFoundException(hash));
    }

    private void requireAllowed(String hash) {
        if (allowListOnly && (hash == null || !manifest.contains(hash))) {
            throw new PersistedQueryNotAllowedException(environment, String.valueOf(hash));
        }
    }

    /** The lower-case hash of a well-formed {@code extensions.persistedQuery}, if one is sent. */
    private static Optional<String> hashIn(Map<String, Object> extensions) {
        Object persisted = extensions.get(EXTENSION);
        if (persisted == null) {
            return Optional.empty();
        }
        if (!(persisted instanceof Map<?, ?> fields)) {
            throw new ValidationException(
                    new FieldProblem(
                            FIELD, "type", "must be an object {version, sha256Hash}", "object"));
        }
        Object version = fields.get("version");
        if (!(version instanceof Number number) || number.doubleValue() != VERSION) {
            throw new ValidationException(
                    new FieldProblem(
                            FIELD + ".version",
                            "supported",
                            "must be " + VERSION + ", got " + version,
                            VERSION));
        }
        Object hash = fields.get("sha256Hash");
        if (!(hash instanceof String hex) || !HEX_64.matcher(hex).matches()) {
            throw new ValidationException(
                    new FieldProblem(
                            FIELD + ".sha256Hash",
                            "pattern",
                            "must be 64 hexadecimal characters (SHA-256)",
                            HEX_64.pattern()));
        }
        return Optional.of(hex.toLowerCase(Locale.ROOT));
    }
}

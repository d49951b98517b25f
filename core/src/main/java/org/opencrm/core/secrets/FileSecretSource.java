package org.opencrm.core.secrets;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.identity.GoldenIds;

/**
 * Secrets from a JSON file, read once at {@link #load}:
 *
 * <pre>{"goldenIdKey": "&lt;base64, at least 32 bytes&gt;", "webhookSecrets": {"facebook": "..."}}
 * </pre>
 *
 * Immutable after loading; a changed file takes effect on the next load (a new process).
 */
public final class FileSecretSource implements SecretSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEMO_KEY_BYTES = 32;

    private final byte[] goldenIdKey;
    private final Map<String, String> webhookSecrets;

    private FileSecretSource(byte[] goldenIdKey, Map<String, String> webhookSecrets) {
        this.goldenIdKey = goldenIdKey;
        this.webhookSecrets = Map.copyOf(webhookSecrets);
    }

    /**
     * @throws UncheckedIOException when the file cannot be read
     * @throws IllegalArgumentException when it is not JSON of the documented shape, or the key is
     *     not base64 of at least {@link GoldenIds#MIN_KEY_BYTES} bytes
     */
    public static FileSecretSource load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read secrets " + file, e);
        }
        return parse(text, "secrets file " + file);
    }

    /**
     * The same document from elsewhere (e.g. decrypted from a KMS ciphertext in AWS).
     *
     * @param origin where it came from, for messages; never the content
     */
    public static FileSecretSource parse(String json, String origin) {
        JsonNode root = readTree(json, origin);
        if (!root.isObject()) {
            throw malformed(origin, "the top level must be an object");
        }
        return new FileSecretSource(
                goldenIdKeyOf(origin, root.path("goldenIdKey")),
                webhookSecretsOf(origin, root.path("webhookSecrets")));
    }

    /**
     * Writes a demo secrets file with a random key and {@code demo-secret-<channel>} per channel,
     * unless the file already exists: the golden key must stay the same for a deployment's life, or
     * every customer's golden id would change.
     *
     * @return {@code file}
     */
    public static Path createDemo(Path file, List<String> channelIds) {
        if (Files.exists(file)) {
            return file;
        }
        byte[] key = new byte[DEMO_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Map<String, String> secrets = new LinkedHashMap<>();
        channelIds.forEach(channel -> secrets.put(channel, "demo-secret-" + channel));
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("goldenIdKey", Base64.getEncoder().encodeToString(key));
        content.put("webhookSecrets", secrets);
        try {
            writeNew(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(content));
        } catch (FileAlreadyExistsException createdMeanwhile) {
            // Another process won the race; its key is the deployment's key now.
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write demo secrets " + file, e);
        }
        return file;
    }

    @Override
    public byte[] goldenIdKey() {
        return goldenIdKey.clone();
    }

    @Override
    public Optional<String> webhookSecret(String channelId) {
        if (channelId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(webhookSecrets.get(channelId));
    }

    // createFile fails if the file exists, so two processes starting at once cannot both write a
    // key.
    private static void writeNew(Path file, byte[] bytes) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] ownerOnly =
                posix
                        ? new FileAttribute<?>[] {
                            PosixFilePermissions.asFileAttribute(
                                    PosixFilePermissions.fromString("rw-------"))
                        }
                        : new FileAttribute<?>[0];
        Files.createFile(file, ownerOnly);
        Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static JsonNode readTree(String text, String origin) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException notJson) {
            // Only the position: Jackson's message can quote the offending token, i.e. a secret.
            JsonLocation at = notJson.getLocation();
            String where =
                    at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw malformed(origin, "not JSON" + where);
        }
    }

    private static byte[] goldenIdKeyOf(String origin, JsonNode node) {
        if (!node.isTextual()) {
            throw malformed(origin, "goldenIdKey must be a base64 string");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(node.textValue().strip());
        } catch (IllegalArgumentException notBase64) {
            throw malformed(origin, "goldenIdKey is not base64");
        }
        if (key.length < GoldenIds.MIN_KEY_BYTES) {
            throw malformed(
                    origin,
                    "goldenIdKey must be at least "
                            + GoldenIds.MIN_KEY_BYTES
                            + " bytes, got "
                            + key.length);
        }
        return key;
    }

    private static Map<String, String> webhookSecretsOf(String origin, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw malformed(origin, "webhookSecrets must be an object of channel to secret");
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isTextual() || entry.getValue().textValue().isEmpty()) {
                throw malformed(
                        origin, "webhookSecrets." + entry.getKey() + " must be a non-empty string");
            }
            secrets.put(entry.getKey(), entry.getValue().textValue());
        }
        return secrets;
    }

    // The message names the file and the field, never a secret's value.
    private static IllegalArgumentException malformed(String origin, String why) {
        return new IllegalArgumentException(origin + ": " + why);
    }
}

package org.opencrm.core.secrets;

import java.util.Optional;

/**
 * Per-deployment secrets: the golden id key and each ad channel's webhook secret. A file
 * locally and in demos; a managed secret store in AWS.
 */
public interface SecretSource {

    /**
     * The HMAC key of {@link GoldenIds}, at least {@link GoldenIds#MIN_KEY_BYTES} bytes; a fresh
     * copy.
     */
    byte[] goldenIdKey();

    /** The secret that signs the channel's webhooks, empty when the channel has none configured. */
    Optional<String> webhookSecret(String channelId);
}

package org.opencrm.core.secrets;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.store.DynamoClients;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

/**
 * The secrets document in AWS: {@code SECRETS_CIPHERTEXT} holds it encrypted with the deployment's
 * KMS key (base64, as {@code aws kms encrypt} prints it); it is decrypted once per container, in
 * the init phase. The endpoint follows {@code AWS_ENDPOINT_URL}, so LocalStack works unchanged.
 */
public final class KmsSecretSource {

    public static final String CIPHERTEXT = "SECRETS_CIPHERTEXT";

    private KmsSecretSource() {}

    public static SecretSource decrypt(String ciphertextBase64, RuntimeEnvironment env) {
        KmsClientBuilder builder =
                KmsClient.builder()
                        .httpClientBuilder(DynamoClients.httpClient())
                        .region(Region.of(env.require(RuntimeEnvironment.REGION)));
        env.find(RuntimeEnvironment.ENDPOINT_URL)
                .map(URI::create)
                .ifPresent(builder::endpointOverride);
        try (KmsClient kms = builder.build()) {
            byte[] plaintext =
                    kms.decrypt(
                                    request ->
                                            request.ciphertextBlob(
                                                    SdkBytes.fromByteArray(
                                                            Base64.getDecoder()
                                                                    .decode(
                                                                            ciphertextBase64
                                                                                    .strip()))))
                            .plaintext()
                            .asByteArray();
            return FileSecretSource.parse(
                    new String(plaintext, StandardCharsets.UTF_8), CIPHERTEXT);
        }
    }
}

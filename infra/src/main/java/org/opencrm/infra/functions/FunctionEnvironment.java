package org.opencrm.infra.functions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.infra.aws.LocalAws;
import org.opencrm.template.FunctionSpec;

/**
 * The environment variables of all functions, as one JVM must hold them.
 *
 * <p>Lambda gives each function its own process environment. Here every function shares one JVM,
 * which cannot change its own environment, so the variables become system properties of the same
 * names (core's {@code RuntimeEnvironment} reads those first). That only works while functions
 * agree on every variable they both declare.
 */
public record FunctionEnvironment(Map<String, String> variables) {

    public FunctionEnvironment {
        variables = Map.copyOf(variables);
    }

    /**
     * The environment every function of the template gets locally.
     *
     * @param functions the template's functions, each with its resolved variables
     * @param dynamoEndpoint the DynamoDB Local endpoint every SDK client must use
     * @param secretsFile the deployment's secrets (golden-id key, webhook secrets); in AWS a
     *     KMS-encrypted variable
     */
    public static FunctionEnvironment of(
            List<FunctionSpec> functions, String dynamoEndpoint, String secretsFile) {
        Map<String, String> merged = new LinkedHashMap<>();
        Map<String, String> declaredBy = new LinkedHashMap<>();
        for (FunctionSpec function : functions) {
            function.environment()
                    .forEach(
                            (name, value) -> {
                                String earlier = merged.putIfAbsent(name, value);
                                if (earlier != null && !earlier.equals(value)) {
                                    throw new IllegalStateException(
                                            "environment variable "
                                                    + name
                                                    + " is "
                                                    + earlier
                                                    + " in "
                                                    + declaredBy.get(name)
                                                    + " but "
                                                    + value
                                                    + " in "
                                                    + function.logicalId()
                                                    + "; the local cloud runs every function in one JVM, so they must agree");
                                }
                                declaredBy.putIfAbsent(name, function.logicalId());
                            });
        }
        merged.putAll(platformVariables(dynamoEndpoint));
        merged.put(RuntimeEnvironment.SECRETS_FILE, secretsFile);
        return new FunctionEnvironment(merged);
    }

    /** What Lambda itself would set, pointed at the local endpoint and the dummy identity. */
    private static Map<String, String> platformVariables(String dynamoEndpoint) {
        Map<String, String> platform = new LinkedHashMap<>();
        platform.put("AWS_ENDPOINT_URL", dynamoEndpoint);
        platform.put("AWS_REGION", LocalAws.REGION);
        platform.put("AWS_DEFAULT_REGION", LocalAws.REGION);
        platform.put("AWS_ACCESS_KEY_ID", LocalAws.ACCESS_KEY_ID);
        platform.put("AWS_SECRET_ACCESS_KEY", LocalAws.SECRET_ACCESS_KEY);
        platform.put("AWS_EC2_METADATA_DISABLED", "true");
        platform.put("AWS_EMF_ENVIRONMENT", "Local");
        // The SDK's own system properties: a client built without explicit settings still
        // stays on loopback with dummy credentials instead of running the default chains.
        platform.put("aws.endpointUrl", dynamoEndpoint);
        platform.put("aws.region", LocalAws.REGION);
        platform.put("aws.accessKeyId", LocalAws.ACCESS_KEY_ID);
        platform.put("aws.secretAccessKey", LocalAws.SECRET_ACCESS_KEY);
        platform.put("aws.disableEc2Metadata", "true");
        return platform;
    }

    /**
     * The same environment with the local S3 API's endpoint, under the SDK's service-specific
     * names: they win over {@code AWS_ENDPOINT_URL}, which names DynamoDB Local.
     */
    public FunctionEnvironment withS3Endpoint(String s3Endpoint) {
        Map<String, String> withS3 = new LinkedHashMap<>(variables);
        withS3.put(RuntimeEnvironment.S3_ENDPOINT_URL, s3Endpoint);
        withS3.put("aws.endpointUrlS3", s3Endpoint);
        return new FunctionEnvironment(withS3);
    }

    /** Sets the variables as system properties; closing the result restores the previous values. */
    public AutoCloseable applyAsSystemProperties() {
        Map<String, String> previous = new LinkedHashMap<>();
        variables.forEach(
                (name, value) -> {
                    previous.put(name, System.getProperty(name));
                    System.setProperty(name, value);
                });
        return () ->
                previous.forEach(
                        (name, value) -> {
                            if (Objects.isNull(value)) {
                                System.clearProperty(name);
                            } else {
                                System.setProperty(name, value);
                            }
                        });
    }
}

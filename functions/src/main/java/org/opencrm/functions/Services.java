package org.opencrm.functions;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.opencrm.core.CoreServices;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.secrets.FileSecretSource;
import org.opencrm.core.secrets.KmsSecretSource;
import org.opencrm.core.secrets.SecretSource;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.core.store.TableNames;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The composition root: clients, stores and services, built once per container from the function's
 * environment (template.yaml) and shared by every invocation.
 */
public record Services(CoreServices core, String environment) {

    private static final Duration DEFAULT_STATUS_CACHE = Duration.ofSeconds(5);

    public static Services from(RuntimeEnvironment env, Clock clock) {
        return from(env, clock, DynamoClients.dynamo(env));
    }

    /** Over a DynamoDB client the caller also uses for calls of its own. */
    static Services from(RuntimeEnvironment env, Clock clock, DynamoDbClient dynamo) {
        Duration statusCache =
                env.find(RuntimeEnvironment.USER_STATUS_CACHE_SECONDS)
                        .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds)))
                        .orElse(DEFAULT_STATUS_CACHE);
        TableNames tables = TableNames.from(env);
        CoreServices core = CoreServices.build(dynamo, tables, clock, statusCache, secrets(env));
        // what every function shares: one read through the container's DynamoDB client and its
        // HTTP client (a user nobody is), for as long as the client lives
        String usersTable = tables.users();
        Priming.register(dynamo, client -> readNobody(client, usersTable));
        return new Services(core, env.environmentName());
    }

    /**
     * One read through the client: the users-table item of a user nobody is. It loads the SDK's
     * request path and opens the HTTP connection later calls take.
     */
    static void readNobody(DynamoDbClient dynamo, String usersTable) {
        dynamo.getItem(
                read ->
                        read.tableName(usersTable)
                                .key(Map.of("id", AttributeValue.fromS(Priming.SUBJECT))));
    }

    /**
     * Per-deployment secrets: a file locally (the local cloud writes one), KMS-encrypted text in
     * AWS.
     */
    private static SecretSource secrets(RuntimeEnvironment env) {
        var file = env.find(RuntimeEnvironment.SECRETS_FILE);
        if (file.isPresent()) {
            return FileSecretSource.load(Path.of(file.get()));
        }
        return env.find(KmsSecretSource.CIPHERTEXT)
                .map(ciphertext -> KmsSecretSource.decrypt(ciphertext, env))
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "no secrets: set "
                                                + RuntimeEnvironment.SECRETS_FILE
                                                + " (a secrets JSON file) or "
                                                + KmsSecretSource.CIPHERTEXT
                                                + " (see README, Deploy)"));
    }
}

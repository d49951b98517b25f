package org.opencrm.core.testing;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.opencrm.core.CoreServices;
import org.opencrm.core.intake.LeadChannels;
import org.opencrm.core.secrets.FileSecretSource;
import org.opencrm.core.secrets.SecretSource;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.core.store.TableNames;
import org.opencrm.template.SamTemplate;
import org.opencrm.template.TableProvisioner;
import org.opencrm.template.TableSpec;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * One embedded DynamoDB Local engine per test JVM, holding exactly the tables template.yaml
 * declares. Tests share it and keep apart by using their own ids, owners and phones.
 */
public final class LocalDynamo {

    private static LocalDynamo shared;
    private static SecretSource secrets;

    private final AmazonDynamoDBLocal engine;
    private final DynamoDbClient client;
    private final TableNames tables;
    private final Map<String, String> tableNamesByLogicalId;

    private LocalDynamo() {
        // telemetry off, or the engine phones home and keeps the JVM alive
        this.engine = DynamoDBEmbedded.create(true);
        this.client = engine.dynamoDbClient();
        List<TableSpec> specs = TableSpec.allIn(template());
        new TableProvisioner(client).ensure(specs);
        this.tableNamesByLogicalId =
                specs.stream()
                        .collect(Collectors.toMap(TableSpec::logicalId, TableSpec::tableName));
        this.tables = TableNames.fromLogicalIds(tableNamesByLogicalId);
        Runtime.getRuntime().addShutdownHook(new Thread(engine::shutdown));
    }

    public static synchronized LocalDynamo shared() {
        if (shared == null) {
            shared = new LocalDynamo();
        }
        return shared;
    }

    /**
     * An engine of its own, for a test that reads whole tables (a backfill) and so must not see the
     * records every other test leaves in the shared one.
     */
    public static LocalDynamo fresh() {
        return new LocalDynamo();
    }

    public DynamoDbClient client() {
        return client;
    }

    public DynamoDbStreamsClient streams() {
        return engine.dynamoDbStreamsClient();
    }

    public DynamoDbEnhancedClient enhanced() {
        return DynamoClients.enhanced(client);
    }

    /**
     * Every service wired over this engine, as a function's container wires them; users' status is
     * never cached.
     */
    public CoreServices services(Clock clock) {
        return CoreServices.build(client, tables, clock, Duration.ZERO, demoSecrets());
    }

    /** The demo secrets (a random golden-id key, demo-secret-<channel>), one file per test JVM. */
    public static synchronized SecretSource demoSecrets() {
        if (secrets == null) {
            try {
                Path file = Files.createTempDirectory("crm-secrets").resolve("secrets.json");
                secrets =
                        FileSecretSource.load(
                                FileSecretSource.createDemo(
                                        file, LeadChannels.builtInChannelIds()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return secrets;
    }

    public TableNames tables() {
        return tables;
    }

    public String tableName(String logicalId) {
        return tableNamesByLogicalId.get(logicalId);
    }

    public static SamTemplate template() {
        try {
            return SamTemplate.load(
                    projectRoot().resolve("template.yaml"), "cn-north-1", "000000000000");
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** The reactor root: the nearest folder upwards that holds template.yaml. */
    public static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "no template.yaml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}

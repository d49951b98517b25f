package org.opencrm.functions;

import java.time.Clock;
import java.util.List;
import org.opencrm.core.CoreServices;
import org.opencrm.core.audit.AuditCompleteness;
import org.opencrm.core.audit.AuditRedrive;
import org.opencrm.core.audit.AuditStore;
import org.opencrm.core.audit.AuditStreams;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.core.store.TableNames;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Wiring of the audit re-drive and completeness functions, once per container: besides the core
 * services they read the audited tables' streams.
 */
final class AuditRecovery {

    private AuditRecovery() {}

    static AuditRedrive redrive(RuntimeEnvironment env, Clock clock) {
        CoreServices core = Services.from(env, clock).core();
        return new AuditRedrive(new AuditStreams(DynamoClients.streams(env)), core.audit());
    }

    static AuditCompleteness completeness(RuntimeEnvironment env, Clock clock) {
        DynamoDbClient dynamo = DynamoClients.dynamo(env);
        Services services = Services.from(env, clock, dynamo);
        TableNames tables = TableNames.from(env);
        return new AuditCompleteness(
                new AuditStreams(DynamoClients.streams(env)),
                new AuditStore(DynamoClients.enhanced(dynamo), tables),
                auditedStreams(dynamo, tables),
                services.core().outbox(),
                services.core().users());
    }

    /** The streams template.yaml maps to AuditStreamFunction, found by their tables. */
    private static List<String> auditedStreams(DynamoDbClient dynamo, TableNames tables) {
        return List.of(
                        tables.customers(),
                        tables.users(),
                        tables.config(),
                        tables.leads(),
                        tables.intake(),
                        tables.files(),
                        tables.deals(),
                        tables.activities(),
                        tables.contracts(),
                        tables.anomalies(),
                        tables.tickets())
                .stream()
                .map(
                        table ->
                                dynamo.describeTable(b -> b.tableName(table))
                                        .table()
                                        .latestStreamArn())
                .toList();
    }
}

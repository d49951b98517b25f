package org.opencrm.core;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.audit.AuditService;
import org.opencrm.core.audit.AuditStore;
import org.opencrm.core.breaker.BreakerSettings;
import org.opencrm.core.breaker.SensitiveOperationBreaker;
import org.opencrm.core.config.ConfigDefinitions;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.config.ConfigStore;
import org.opencrm.core.counter.CounterStore;
import org.opencrm.core.customer.CustomerExport;
import org.opencrm.core.customer.CustomerService;
import org.opencrm.core.customer.CustomerStore;
import org.opencrm.core.customer.OrgChanges;
import org.opencrm.core.financesync.FinanceSync;
import org.opencrm.core.financesync.LatestPushStore;
import org.opencrm.core.identity.GoldenIds;
import org.opencrm.core.intake.ImportStore;
import org.opencrm.core.intake.IntakeChannels;
import org.opencrm.core.intake.IntakeService;
import org.opencrm.core.intake.IntakeStore;
import org.opencrm.core.intake.LeadChannels;
import org.opencrm.core.intake.LeadImportService;
import org.opencrm.core.lead.LeadService;
import org.opencrm.core.lead.LeadStore;
import org.opencrm.core.leadwork.AssignmentService;
import org.opencrm.core.leadwork.AssignmentSettings;
import org.opencrm.core.leadwork.EscalationService;
import org.opencrm.core.leadwork.LeadNotifications;
import org.opencrm.core.leadwork.LeadReactor;
import org.opencrm.core.notify.DeliveryStore;
import org.opencrm.core.notify.Dispatcher;
import org.opencrm.core.notify.NotificationOutbox;
import org.opencrm.core.notify.NotificationPreferences;
import org.opencrm.core.notify.NotificationSettings;
import org.opencrm.core.notify.RobotSender;
import org.opencrm.core.notify.SnsSms;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.secrets.SecretSource;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.user.UserService;
import org.opencrm.core.user.UserStore;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Every use case of the domain, wired once per container over one DynamoDB client. */
public record CoreServices(
        AccessPolicy policy,
        CustomerService customers,
        CustomerExport export,
        UserService users,
        OrgChanges orgChanges,
        AuditService audit,
        ConfigService config,
        NotificationOutbox outbox,
        LeadService leads,
        IntakeService intake,
        IntakeChannels channels,
        LeadImportService imports,
        AssignmentService assignments,
        EscalationService escalation,
        LeadReactor reactor,
        Dispatcher dispatcher,
        DeliveryStore deliveries,
        FinanceSync financeSync,
        NotificationPreferences preferences,
        SecretSource secrets) {

    /**
     * Every run-time configuration the domain modules define, registered here so config/ depends on
     * none of them.
     */
    public static final ConfigDefinitions CONFIGURATIONS =
            new ConfigDefinitions(
                    List.of(
                            BreakerSettings.DEFINITION,
                            LeadChannels.DEFINITION,
                            AssignmentSettings.DEFINITION,
                            NotificationSettings.DEFINITION));

    public static CoreServices build(
            DynamoDbClient dynamo,
            TableNames tables,
            Clock clock,
            Duration userStatusCache,
            SecretSource secrets) {
        return build(dynamo, tables, clock, userStatusCache, secrets, RuntimeEnvironment.current());
    }

    /**
     * Wires every service over one DynamoDB client.
     *
     * @param environment where outbound AWS calls (SNS) find their region, credentials and endpoint
     */
    public static CoreServices build(
            DynamoDbClient dynamo,
            TableNames tables,
            Clock clock,
            Duration userStatusCache,
            SecretSource secrets,
            RuntimeEnvironment environment) {
        DynamoDbEnhancedClient enhanced = DynamoClients.enhanced(dynamo);
        AccessPolicy policy = AccessPolicy.standard();
        UserService users =
                new UserService(new UserStore(enhanced, tables), policy, clock, userStatusCache);
        ConfigService config =
                new ConfigService(new ConfigStore(enhanced, tables), clock, CONFIGURATIONS);
        NotificationOutbox outbox = new NotificationOutbox(enhanced, tables);
        CounterStore counters = new CounterStore(dynamo, tables);
        SensitiveOperationBreaker breaker =
                new SensitiveOperationBreaker(counters, config, users, outbox, clock);
        GoldenIds goldenIds = new GoldenIds(secrets.goldenIdKey());
        CustomerService customers =
                new CustomerService(
                        new CustomerStore(enhanced, tables),
                        users,
                        policy,
                        breaker,
                        goldenIds,
                        clock);
        LeadStore leadStore = new LeadStore(enhanced, tables);
        LeadService leads = new LeadService(leadStore, customers, policy, clock);
        IntakeChannels channels = new IntakeChannels(config);
        DeliveryStore deliveries = new DeliveryStore(dynamo, tables);
        NotificationPreferences preferences = new NotificationPreferences(dynamo, tables);
        AssignmentService assignments =
                new AssignmentService(leadStore, users, counters, config, policy, clock);
        IntakeService intake =
                new IntakeService(
                        leadStore,
                        new IntakeStore(enhanced, tables),
                        channels,
                        goldenIds,
                        policy,
                        customers,
                        clock);
        // a trail is visible to whoever may read its record: a customer or a user in their scope
        AuditService audit =
                new AuditService(
                        new AuditStore(enhanced, tables),
                        clock,
                        policy,
                        (entityId, caller) ->
                                customers.findVisible(entityId, caller).isPresent()
                                        || users.findVisible(entityId, caller).isPresent()
                                        || leadStore
                                                .find(entityId)
                                                .filter(
                                                        lead ->
                                                                policy.mayRead(
                                                                        LeadService.TYPE,
                                                                        caller,
                                                                        lead.ownership()))
                                                .isPresent());
        return new CoreServices(
                policy,
                customers,
                new CustomerExport(customers, policy, breaker),
                users,
                new OrgChanges(users, customers),
                audit,
                config,
                outbox,
                leads,
                intake,
                channels,
                new LeadImportService(
                        new ImportStore(dynamo, enhanced, tables), intake, channels, policy, clock),
                assignments,
                new EscalationService(leadStore, users, counters, config, clock),
                new LeadReactor(assignments, new LeadNotifications(outbox, users), clock),
                new Dispatcher(
                        deliveries,
                        config,
                        users,
                        new RobotSender(),
                        new SnsSms(environment),
                        counters,
                        outbox,
                        preferences,
                        clock),
                deliveries,
                new FinanceSync(outbox, deliveries, new LatestPushStore(dynamo, tables), clock),
                preferences,
                secrets);
    }
}

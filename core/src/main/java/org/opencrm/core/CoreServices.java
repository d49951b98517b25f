package org.opencrm.core;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.activity.Activities;
import org.opencrm.core.activity.ActivityStore;
import org.opencrm.core.activity.ActivityTags;
import org.opencrm.core.anomaly.AnomalyService;
import org.opencrm.core.anomaly.AnomalyStore;
import org.opencrm.core.anomaly.GoldenCustomers;
import org.opencrm.core.anomaly.Signings;
import org.opencrm.core.anomaly.SplitOrderNotices;
import org.opencrm.core.anomaly.SplitOrderReactor;
import org.opencrm.core.anomaly.SplitOrderRules;
import org.opencrm.core.audit.AuditService;
import org.opencrm.core.audit.AuditStore;
import org.opencrm.core.breaker.BreakerSettings;
import org.opencrm.core.breaker.SensitiveOperationBreaker;
import org.opencrm.core.calendar.WorkingCalendar;
import org.opencrm.core.chart.ChartLinks;
import org.opencrm.core.chart.ChartService;
import org.opencrm.core.config.CachedSetting;
import org.opencrm.core.config.ConfigDefinitions;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.config.ConfigStore;
import org.opencrm.core.consistency.ConsistencyArrivals;
import org.opencrm.core.consistency.ConsistencyDiff;
import org.opencrm.core.consistency.ConsistencyFiles;
import org.opencrm.core.consistency.ConsistencyService;
import org.opencrm.core.consistency.ConsistencyStore;
import org.opencrm.core.contract.ContractService;
import org.opencrm.core.contract.ContractStore;
import org.opencrm.core.counter.CounterStore;
import org.opencrm.core.customer.CustomerExport;
import org.opencrm.core.customer.CustomerService;
import org.opencrm.core.customer.CustomerStore;
import org.opencrm.core.customer.OrgChanges;
import org.opencrm.core.deal.CustomerDeals;
import org.opencrm.core.deal.DealLostReasons;
import org.opencrm.core.deal.DealService;
import org.opencrm.core.deal.DealStore;
import org.opencrm.core.deal.FunnelService;
import org.opencrm.core.deal.Pipeline;
import org.opencrm.core.deal.StaleDeals;
import org.opencrm.core.files.AttachableRecords;
import org.opencrm.core.files.AttachmentArrivals;
import org.opencrm.core.files.AttachmentService;
import org.opencrm.core.files.AttachmentStore;
import org.opencrm.core.files.AwaitedImports;
import org.opencrm.core.files.ImportArrivals;
import org.opencrm.core.files.UploadArrivals;
import org.opencrm.core.files.UploadPurpose;
import org.opencrm.core.files.UploadService;
import org.opencrm.core.files.UploadStore;
import org.opencrm.core.financesync.FinanceSync;
import org.opencrm.core.financesync.LatestPushStore;
import org.opencrm.core.guard.ApiProtection;
import org.opencrm.core.health.CustomerHealth;
import org.opencrm.core.health.HealthRules;
import org.opencrm.core.health.TicketTouches;
import org.opencrm.core.idempotency.Idempotency;
import org.opencrm.core.idempotency.IdempotencyStore;
import org.opencrm.core.identity.GoldenIds;
import org.opencrm.core.idle.RepActivity;
import org.opencrm.core.idle.RepIdleSweep;
import org.opencrm.core.intake.ImportStore;
import org.opencrm.core.intake.IntakeChannels;
import org.opencrm.core.intake.IntakeService;
import org.opencrm.core.intake.IntakeStore;
import org.opencrm.core.intake.LeadChannels;
import org.opencrm.core.intake.LeadImportService;
import org.opencrm.core.intake.WebhookSigning;
import org.opencrm.core.lead.LeadDisqualifyReasons;
import org.opencrm.core.lead.LeadService;
import org.opencrm.core.lead.LeadStore;
import org.opencrm.core.leadwork.AssignmentService;
import org.opencrm.core.leadwork.AssignmentSettings;
import org.opencrm.core.leadwork.EscalationService;
import org.opencrm.core.leadwork.LeadChecks;
import org.opencrm.core.leadwork.LeadLedger;
import org.opencrm.core.leadwork.LeadNotifications;
import org.opencrm.core.leadwork.LeadReactor;
import org.opencrm.core.leadwork.LeadRecount;
import org.opencrm.core.leadwork.LeadWhereabouts;
import org.opencrm.core.leadwork.PoolReminderSettings;
import org.opencrm.core.leadwork.PoolReminders;
import org.opencrm.core.leadwork.RepLoads;
import org.opencrm.core.notify.DeliveryStore;
import org.opencrm.core.notify.Dispatcher;
import org.opencrm.core.notify.Inbox;
import org.opencrm.core.notify.NotificationOutbox;
import org.opencrm.core.notify.NotificationPreferences;
import org.opencrm.core.notify.NotificationSettings;
import org.opencrm.core.notify.RobotSender;
import org.opencrm.core.notify.SnsSms;
import org.opencrm.core.persisted.PersistedQueryService;
import org.opencrm.core.persisted.PersistedQueryStore;
import org.opencrm.core.ratelimit.RateLimitStore;
import org.opencrm.core.ratelimit.RateLimiter;
import org.opencrm.core.ratelimit.RateLimits;
import org.opencrm.core.report.MonthlyChartLinks;
import org.opencrm.core.report.ReconciliationSettings;
import org.opencrm.core.report.Reports;
import org.opencrm.core.report.RevenueChartFeed;
import org.opencrm.core.runtime.Once;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.search.SearchBackfill;
import org.opencrm.core.search.SearchIndexStore;
import org.opencrm.core.search.SearchIndexer;
import org.opencrm.core.search.SearchService;
import org.opencrm.core.secrets.SecretSource;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.core.store.S3Clients;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.ticket.SlaPolicy;
import org.opencrm.core.ticket.TicketTaxonomy;
import org.opencrm.core.ticket.Tickets;
import org.opencrm.core.timeline.ActivityTimeline;
import org.opencrm.core.timeline.CustomerTimeline;
import org.opencrm.core.timeline.DealMoveTimeline;
import org.opencrm.core.timeline.LeadEventTimeline;
import org.opencrm.core.timeline.TicketTimeline;
import org.opencrm.core.user.UserService;
import org.opencrm.core.user.UserStore;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every use case of the domain, wired once per container over one DynamoDB client. Built by named
 * steps ({@link #builder()}): twenty services, several of one type family, are too many to pass by
 * position.
 */
public final class CoreServices {

    private final AccessPolicy policy;
    private final CustomerService customers;
    private final CustomerExport export;
    private final UserService users;
    private final OrgChanges orgChanges;
    private final AuditService audit;
    private final ConfigService config;
    private final NotificationOutbox outbox;
    private final LeadService leads;
    private final IntakeService intake;
    private final IntakeChannels channels;
    private final LeadImportService imports;
    private final AssignmentService assignments;
    private final EscalationService escalation;
    private final LeadReactor reactor;
    private final LeadChecks leadChecks;
    private final Dispatcher dispatcher;
    private final DeliveryStore deliveries;
    private final Inbox inbox;
    private final FinanceSync financeSync;
    private final NotificationPreferences preferences;
    private final SecretSource secrets;
    private final UploadService uploads;
    private final UploadArrivals uploadArrivals;
    private final AttachmentService attachments;
    private final DealService deals;
    private final StaleDeals staleDeals;
    private final FunnelService funnel;
    private final CustomerDeals customerDeals;
    private final Activities activities;
    private final CustomerTimeline timeline;
    private final RepActivity repActivity;
    private final RepIdleSweep repIdle;
    private final SearchService search;
    private final SearchIndexer searchIndexer;
    private final SearchBackfill searchBackfill;
    private final ContractService contracts;
    private final Reports reports;
    private final ChartService charts;
    private final AnomalyService anomalies;
    private final SplitOrderReactor splitOrders;
    private final CustomerHealth health;
    private final Tickets tickets;
    private final ConsistencyService consistency;
    private final ConsistencyDiff consistencyDiffs;
    private final ApiProtection protection;

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
                            LeadDisqualifyReasons.DEFINITION,
                            NotificationSettings.DEFINITION,
                            PoolReminderSettings.DEFINITION,
                            Pipeline.DEFINITION,
                            DealLostReasons.DEFINITION,
                            ActivityTags.DEFINITION,
                            WorkingCalendar.DEFINITION,
                            ReconciliationSettings.DEFINITION,
                            SplitOrderRules.DEFINITION,
                            HealthRules.DEFINITION,
                            TicketTaxonomy.DEFINITION,
                            SlaPolicy.DEFINITION,
                            RateLimits.DEFINITION,
                            WebhookSigning.DEFINITION));

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
        UserStore userStore = new UserStore(enhanced, tables);
        UserService users = new UserService(userStore, policy, clock, userStatusCache);
        ConfigService config =
                new ConfigService(new ConfigStore(enhanced, tables), clock, CONFIGURATIONS);
        NotificationOutbox outbox = new NotificationOutbox(enhanced, tables);
        CounterStore counters = new CounterStore(dynamo, tables);
        LeadStore leadStore =
                new LeadStore(dynamo, enhanced, tables, new LeadLedger(counters, userStore));
        // a person's work (a logged contact, a deal moved by hand) resets their idle clock
        RepActivity repActivity = new RepActivity(dynamo, tables, config);
        AssignmentService assignments =
                new AssignmentService(
                        leadStore, users, counters, config, policy, clock, repActivity);
        // a suspension sends the user's open leads back through assignment
        SensitiveOperationBreaker breaker =
                new SensitiveOperationBreaker(counters, config, users, assignments, outbox, clock);
        GoldenIds goldenIds = new GoldenIds(secrets.goldenIdKey());
        CustomerService customers =
                new CustomerService(
                        new CustomerStore(enhanced, tables),
                        users,
                        policy,
                        breaker,
                        goldenIds,
                        clock);
        LeadService leads = new LeadService(leadStore, customers, config, policy, clock);
        IntakeChannels channels = new IntakeChannels(config);
        DeliveryStore deliveries = new DeliveryStore(dynamo, tables);
        NotificationPreferences preferences = new NotificationPreferences(dynamo, tables);
        IntakeService intake =
                new IntakeService(
                        leadStore,
                        new IntakeStore(enhanced, tables),
                        channels,
                        goldenIds,
                        policy,
                        customers,
                        clock);
        AttachmentStore attachmentStore = new AttachmentStore(dynamo, tables);
        DealStore dealStore = new DealStore(enhanced, tables);
        DealService deals =
                new DealService(
                        dealStore,
                        customers,
                        policy,
                        config,
                        // evidence: the kinds of the attachments filed under the deal or its
                        // customer
                        attachmentStore::kindsOf,
                        clock,
                        repActivity);
        Activities activities =
                Activities.over(
                        new Activities.Parts(
                                new ActivityStore(dynamo, enhanced, tables),
                                customers,
                                leads,
                                deals,
                                dealStore,
                                outbox,
                                policy,
                                config),
                        repActivity,
                        clock);
        ContractService contracts =
                new ContractService(
                        new ContractStore(enhanced, tables), customers, deals, policy, clock);
        // a trail is visible to whoever may read its record: a customer or a user in their scope
        AuditStore auditStore = new AuditStore(enhanced, tables);
        AuditService audit =
                new AuditService(
                        auditStore,
                        clock,
                        policy,
                        (entityId, caller) ->
                                customers.findVisible(entityId, caller).isPresent()
                                        || users.findVisible(entityId, caller).isPresent()
                                        || deals.findVisible(entityId, caller).isPresent()
                                        || contracts.findVisible(entityId, caller).isPresent()
                                        || activities
                                                .service()
                                                .findVisible(entityId, caller)
                                                .isPresent()
                                        || leadStore
                                                .find(entityId)
                                                .filter(
                                                        lead ->
                                                                policy.mayRead(
                                                                        LeadService.TYPE,
                                                                        caller,
                                                                        lead.ownership()))
                                                .isPresent());
        UploadStore uploadStore = new UploadStore(dynamo, tables);
        // built on first use: most containers never touch the bucket
        Supplier<S3Clients> s3 = new Once<>(() -> S3Clients.from(environment));
        AttachableRecords attachable =
                new AttachableRecords(policy, customers, deals, contracts, leads);
        // issue 17, R-09: diffs run when their upload arrives; reports in the reports table
        ConsistencyStore consistencyStore = new ConsistencyStore(dynamo, tables);
        ConsistencyFiles consistencyFiles = new ConsistencyFiles(s3);
        // one diff worker for the arrival and the schedule that continues large diffs
        ConsistencyDiff consistencyDiffs =
                new ConsistencyDiff(
                        consistencyStore,
                        new CustomerStore(enhanced, tables),
                        ConsistencyArrivals.sources(s3),
                        consistencyFiles,
                        clock);
        LeadImportService imports =
                new LeadImportService(
                        new ImportStore(dynamo, enhanced, tables),
                        intake,
                        channels,
                        policy,
                        new AwaitedImports(uploadStore),
                        clock);
        SearchIndexer searchIndexer = new SearchIndexer(new SearchIndexStore(enhanced, tables));
        FunnelService funnel = new FunnelService(dealStore, policy, config, users);
        Tickets tickets =
                Tickets.build(
                        new Tickets.Over(
                                enhanced, tables, customers, users, outbox, config, policy, clock));
        Reports reports =
                Reports.build(
                        new Reports.Over(
                                dynamo, enhanced, tables, policy, config, users, outbox, clock),
                        monthlyChartLinks(secrets, environment, clock));
        // activities and deals count as activity, and so do service tickets
        CustomerHealth health =
                CustomerHealth.over(
                        new CustomerHealth.Parts(
                                dynamo, enhanced, tables, customers, leadStore, dealStore, outbox,
                                policy, config),
                        List.of(new TicketTouches(tickets.store())),
                        clock);
        return CoreServices.builder()
                .policy(policy)
                .customers(customers)
                .export(
                        new CustomerExport(customers, policy, breaker, s3, clock)
                                .withExclusion(health.service()))
                .users(users)
                .orgChanges(new OrgChanges(users, customers, assignments))
                .audit(audit)
                .config(config)
                .outbox(outbox)
                .leads(leads)
                .intake(intake)
                .channels(channels)
                .imports(imports)
                .assignments(assignments)
                .escalation(new EscalationService(leadStore, users, counters, config, clock))
                .reactor(new LeadReactor(assignments, new LeadNotifications(outbox, users), clock))
                .leadChecks(leadChecks(leadStore, users, counters, config, outbox, clock))
                .dispatcher(
                        Dispatcher.builder()
                                .store(deliveries)
                                .config(config)
                                .users(users)
                                .robots(new RobotSender())
                                .sms(new SnsSms(environment))
                                .counters(counters)
                                .outbox(outbox)
                                .preferences(preferences)
                                .clock(clock)
                                .build())
                .deliveries(deliveries)
                .inbox(new Inbox(outbox, deliveries))
                .financeSync(
                        new FinanceSync(
                                outbox, deliveries, new LatestPushStore(dynamo, tables), clock))
                .preferences(preferences)
                .secrets(secrets)
                .uploads(
                        new UploadService(
                                new UploadService.Parts(
                                        uploadStore, policy, channels, attachable, s3, clock)))
                .uploadArrivals(
                        new UploadArrivals(
                                uploadStore,
                                Map.of(
                                        UploadPurpose.ATTACHMENT,
                                        new AttachmentArrivals(
                                                uploadStore, attachmentStore, s3, clock),
                                        UploadPurpose.LEAD_IMPORT,
                                        new ImportArrivals(imports, users, s3),
                                        UploadPurpose.CONSISTENCY_DIFF,
                                        new ConsistencyArrivals(consistencyDiffs))))
                .attachments(new AttachmentService(attachmentStore, attachable, s3))
                .deals(deals)
                .staleDeals(new StaleDeals(dealStore, outbox, users, config, clock))
                .funnel(funnel)
                .customerDeals(
                        CustomerDeals.over(
                                dealStore, new CustomerStore(enhanced, tables), config, clock))
                .activities(activities)
                // issue 15: each source of a customer's story; activities and tickets join here
                .timeline(
                        new CustomerTimeline(
                                List.of(
                                        new ActivityTimeline(customers, activities.store()),
                                        new DealMoveTimeline(deals, dealStore),
                                        new LeadEventTimeline(leads, auditStore),
                                        new TicketTimeline(tickets.store()))))
                .repActivity(repActivity)
                .repIdle(
                        new RepIdleSweep(
                                new RepIdleSweep.Parts(
                                        dynamo, tables, repActivity, outbox, users, config, clock)))
                .search(new SearchService(new SearchIndexStore(enhanced, tables), policy))
                .searchIndexer(searchIndexer)
                .searchBackfill(
                        new SearchBackfill(
                                searchIndexer,
                                new CustomerStore(enhanced, tables),
                                leadStore,
                                dealStore,
                                userStore))
                .contracts(contracts)
                .reports(reports)
                .charts(new ChartService(funnel, new RevenueChartFeed(reports.revenue())))
                .anomalies(new AnomalyService(new AnomalyStore(enhanced, tables), policy, clock))
                .splitOrders(
                        new SplitOrderReactor(
                                new SplitOrderReactor.Parts(
                                        new Signings(enhanced, tables),
                                        new GoldenCustomers(new CustomerStore(enhanced, tables)),
                                        new AnomalyStore(enhanced, tables),
                                        new SplitOrderNotices(users, outbox, clock),
                                        config,
                                        clock)))
                .health(health)
                .tickets(tickets)
                .consistency(
                        new ConsistencyService(
                                consistencyStore, customers, users, consistencyFiles, clock))
                .consistencyDiffs(consistencyDiffs)
                .protection(protection(dynamo, tables, config, clock))
                .build();
    }

    /** Issue 18 items 5-6: request budgets, idempotency keys, automatic persisted queries. */
    private static ApiProtection protection(
            DynamoDbClient dynamo, TableNames tables, ConfigService config, Clock clock) {
        return new ApiProtection(
                new RateLimiter(
                        new RateLimitStore(dynamo, tables),
                        new CachedSetting<>(
                                config, RateLimits.DEFINITION, RateLimiter.SETTINGS_MAX_AGE, clock),
                        clock),
                new Idempotency(new IdempotencyStore(dynamo, tables), clock),
                new PersistedQueryService(new PersistedQueryStore(dynamo, tables), clock));
    }

    /** The scheduled safety nets; a suspected count drift must hold still for a second. */
    private static LeadChecks leadChecks(
            LeadStore leadStore,
            UserService users,
            CounterStore counters,
            ConfigService config,
            NotificationOutbox outbox,
            Clock clock) {
        LeadNotifications notifications = new LeadNotifications(outbox, users);
        return new LeadChecks(
                new LeadRecount(
                        leadStore,
                        users,
                        new RepLoads(counters),
                        notifications,
                        clock,
                        Duration.ofSeconds(1)),
                new LeadWhereabouts(leadStore, users, notifications, clock),
                new PoolReminders(leadStore, notifications, config, clock));
    }

    private CoreServices(Builder builder) {
        this.policy = Objects.requireNonNull(builder.policy, "policy");
        this.customers = Objects.requireNonNull(builder.customers, "customers");
        this.export = Objects.requireNonNull(builder.export, "export");
        this.users = Objects.requireNonNull(builder.users, "users");
        this.orgChanges = Objects.requireNonNull(builder.orgChanges, "orgChanges");
        this.audit = Objects.requireNonNull(builder.audit, "audit");
        this.config = Objects.requireNonNull(builder.config, "config");
        this.outbox = Objects.requireNonNull(builder.outbox, "outbox");
        this.leads = Objects.requireNonNull(builder.leads, "leads");
        this.intake = Objects.requireNonNull(builder.intake, "intake");
        this.channels = Objects.requireNonNull(builder.channels, "channels");
        this.imports = Objects.requireNonNull(builder.imports, "imports");
        this.assignments = Objects.requireNonNull(builder.assignments, "assignments");
        this.escalation = Objects.requireNonNull(builder.escalation, "escalation");
        this.reactor = Objects.requireNonNull(builder.reactor, "reactor");
        this.leadChecks = Objects.requireNonNull(builder.leadChecks, "leadChecks");
        this.dispatcher = Objects.requireNonNull(builder.dispatcher, "dispatcher");
        this.deliveries = Objects.requireNonNull(builder.deliveries, "deliveries");
        this.inbox = Objects.requireNonNull(builder.inbox, "inbox");
        this.financeSync = Objects.requireNonNull(builder.financeSync, "financeSync");
        this.preferences = Objects.requireNonNull(builder.preferences, "preferences");
        this.secrets = Objects.requireNonNull(builder.secrets, "secrets");
        this.uploads = Objects.requireNonNull(builder.uploads, "uploads");
        this.uploadArrivals = Objects.requireNonNull(builder.uploadArrivals, "uploadArrivals");
        this.attachments = Objects.requireNonNull(builder.attachments, "attachments");
        this.deals = Objects.requireNonNull(builder.deals, "deals");
        this.staleDeals = Objects.requireNonNull(builder.staleDeals, "staleDeals");
        this.funnel = Objects.requireNonNull(builder.funnel, "funnel");
        this.customerDeals = Objects.requireNonNull(builder.customerDeals, "customerDeals");
        this.activities = Objects.requireNonNull(builder.activities, "activities");
        this.timeline = Objects.requireNonNull(builder.timeline, "timeline");
        this.repActivity = Objects.requireNonNull(builder.repActivity, "repActivity");
        this.repIdle = Objects.requireNonNull(builder.repIdle, "repIdle");
        this.search = Objects.requireNonNull(builder.search, "search");
        this.searchIndexer = Objects.requireNonNull(builder.searchIndexer, "searchIndexer");
        this.searchBackfill = Objects.requireNonNull(builder.searchBackfill, "searchBackfill");
        this.contracts = Objects.requireNonNull(builder.contracts, "contracts");
        this.reports = Objects.requireNonNull(builder.reports, "reports");
        this.charts = Objects.requireNonNull(builder.charts, "charts");
        this.anomalies = Objects.requireNonNull(builder.anomalies, "anomalies");
        this.splitOrders = Objects.requireNonNull(builder.splitOrders, "splitOrders");
        this.health = Objects.requireNonNull(builder.health, "health");
        this.tickets = Objects.requireNonNull(builder.tickets, "tickets");
        this.consistency = Objects.requireNonNull(builder.consistency, "consistency");
        this.consistencyDiffs =
                Objects.requireNonNull(builder.consistencyDiffs, "consistencyDiffs");
        this.protection = Objects.requireNonNull(builder.protection, "protection");
    }

    public AccessPolicy policy() {
        return policy;
    }

    public CustomerService customers() {
        return customers;
    }

    public CustomerExport export() {
        return export;
    }

    public UserService users() {
        return users;
    }

    public OrgChanges orgChanges() {
        return orgChanges;
    }

    public AuditService audit() {
        return audit;
    }

    public ConfigService config() {
        return config;
    }

    public NotificationOutbox outbox() {
        return outbox;
    }

    public LeadService leads() {
        return leads;
    }

    public IntakeService intake() {
        return intake;
    }

    public IntakeChannels channels() {
        return channels;
    }

    public LeadImportService imports() {
        return imports;
    }

    public AssignmentService assignments() {
        return assignments;
    }

    public EscalationService escalation() {
        return escalation;
    }

    public LeadReactor reactor() {
        return reactor;
    }

    public LeadChecks leadChecks() {
        return leadChecks;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public DeliveryStore deliveries() {
        return deliveries;
    }

    public Inbox inbox() {
        return inbox;
    }

    public FinanceSync financeSync() {
        return financeSync;
    }

    public NotificationPreferences preferences() {
        return preferences;
    }

    public SecretSource secrets() {
        return secrets;
    }

    public UploadService uploads() {
        return uploads;
    }

    public UploadArrivals uploadArrivals() {
        return uploadArrivals;
    }

    public AttachmentService attachments() {
        return attachments;
    }

    public DealService deals() {
        return deals;
    }

    public StaleDeals staleDeals() {
        return staleDeals;
    }

    public FunnelService funnel() {
        return funnel;
    }

    public CustomerDeals customerDeals() {
        return customerDeals;
    }

    public Activities activities() {
        return activities;
    }

    /** A customer's story newest first (customer 360, issue 15). */
    public CustomerTimeline timeline() {
        return timeline;
    }

    /** each user's latest activity, the idle watch's clock. */
    public RepActivity repActivity() {
        return repActivity;
    }

    /** the hourly idle-rep sweep. */
    public RepIdleSweep repIdle() {
        return repIdle;
    }

    /** Issue 15: records by name, pinyin, phone, email or external id, in the caller's scope. */
    public SearchService search() {
        return search;
    }

    /** The search table's stream reaction (SearchIndexFunction). */
    public SearchIndexer searchIndexer() {
        return searchIndexer;
    }

    /** Indexes records older than the search stream (issue 15): a one-off, resumable. */
    public SearchBackfill searchBackfill() {
        return searchBackfill;
    }

    /** Contracts and their money events (issue 16). */
    public ContractService contracts() {
        return contracts;
    }

    /** Issue 16: revenue aggregates, answers, report definitions and reconciliation. */
    public Reports reports() {
        return reports;
    }

    /** Issue 16: the served SVG charts, the funnel and the calibers by month. */
    public ChartService charts() {
        return charts;
    }

    /**
     * Signed links to the calibers chart for the monthly report's recipients, where the deployment
     * knows its API's public address.
     */
    private static MonthlyChartLinks monthlyChartLinks(
            SecretSource secrets, RuntimeEnvironment environment, Clock clock) {
        return environment
                .find(RuntimeEnvironment.API_BASE_URL)
                .filter(url -> !url.isBlank())
                // keyed on first use: only a monthly report links a chart, and the key's set-up
                // (a MAC) was a tenth of wiring the services on a cold start
                .map(url -> new Once<>(() -> ChartLinks.from(secrets, url, clock)))
                .<MonthlyChartLinks>map(
                        links ->
                                (month, viewerId) ->
                                        Optional.of(links.get().monthlyReport(month, viewerId)))
                .orElse(MonthlyChartLinks.unlinked());
    }

    /** Issue 16, R-22: anomalies for review (split orders), in the caller's scope. */
    public AnomalyService anomalies() {
        return anomalies;
    }

    /** The contracts stream's split-order watch (SplitOrderFunction). */
    public SplitOrderReactor splitOrders() {
        return splitOrders;
    }

    /** Issue 17, R-26: customer health, the observation pool, dataHealth and the nightly pass. */
    public CustomerHealth health() {
        return health;
    }

    /** Issue 17: service tickets, their SLA sweep and their store. */
    public Tickets tickets() {
        return tickets;
    }

    /** Issue 17, R-09: consistency reports of other systems' exports, and their arbitration. */
    public ConsistencyService consistency() {
        return consistency;
    }

    /** Issue 17, R-09: consistency diffs, worked in chunks; the schedule continues running ones. */
    public ConsistencyDiff consistencyDiffs() {
        return consistencyDiffs;
    }

    /** Issue 18: request budgets, idempotency keys and persisted queries of the API. */
    public ApiProtection protection() {
        return protection;
    }

    /** Named wiring steps; {@link Builder#build()} refuses a service left out. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every service named, so two of one type cannot be swapped. */
    public static final class Builder {
        private AccessPolicy policy;
        private CustomerService customers;
        private CustomerExport export;
        private UserService users;
        private OrgChanges orgChanges;
        private AuditService audit;
        private ConfigService config;
        private NotificationOutbox outbox;
        private LeadService leads;
        private IntakeService intake;
        private IntakeChannels channels;
        private LeadImportService imports;
        private AssignmentService assignments;
        private EscalationService escalation;
        private LeadReactor reactor;
        private LeadChecks leadChecks;
        private Dispatcher dispatcher;
        private DeliveryStore deliveries;
        private Inbox inbox;
        private FinanceSync financeSync;
        private NotificationPreferences preferences;
        private SecretSource secrets;
        private UploadService uploads;
        private UploadArrivals uploadArrivals;
        private AttachmentService attachments;
        private DealService deals;
        private StaleDeals staleDeals;
        private FunnelService funnel;
        private CustomerDeals customerDeals;
        private Activities activities;
        private CustomerTimeline timeline;
        private RepActivity repActivity;
        private RepIdleSweep repIdle;
        private SearchService search;
        private SearchIndexer searchIndexer;
        private SearchBackfill searchBackfill;
        private ContractService contracts;
        private Reports reports;
        private ChartService charts;
        private AnomalyService anomalies;
        private SplitOrderReactor splitOrders;
        private CustomerHealth health;
        private Tickets tickets;
        private ConsistencyService consistency;
        private ConsistencyDiff consistencyDiffs;
        private ApiProtection protection;

        private Builder() {}

        public Builder policy(AccessPolicy value) {
            this.policy = value;
            return this;
        }

        public Builder customers(CustomerService value) {
            this.customers = value;
            return this;
        }

        public Builder export(CustomerExport value) {
            this.export = value;
            return this;
        }

        public Builder users(UserService value) {
            this.users = value;
            return this;
        }

        public Builder orgChanges(OrgChanges value) {
            this.orgChanges = value;
            return this;
        }

        public Builder audit(AuditService value) {
            this.audit = value;
            return this;
        }

        public Builder config(ConfigService value) {
            this.config = value;
            return this;
        }

        public Builder outbox(NotificationOutbox value) {
            this.outbox = value;
            return this;
        }

        public Builder leads(LeadService value) {
            this.leads = value;
            return this;
        }

        public Builder intake(IntakeService value) {
            this.intake = value;
            return this;
        }

        public Builder channels(IntakeChannels value) {
            this.channels = value;
            return this;
        }

        public Builder imports(LeadImportService value) {
            this.imports = value;
            return this;
        }

        public Builder assignments(AssignmentService value) {
            this.assignments = value;
            return this;
        }

        public Builder escalation(EscalationService value) {
            this.escalation = value;
            return this;
        }

        public Builder reactor(LeadReactor value) {
            this.reactor = value;
            return this;
        }

        public Builder leadChecks(LeadChecks value) {
            this.leadChecks = value;
            return this;
        }

        public Builder dispatcher(Dispatcher value) {
            this.dispatcher = value;
            return this;
        }

        public Builder deliveries(DeliveryStore value) {
            this.deliveries = value;
            return this;
        }

        public Builder inbox(Inbox value) {
            this.inbox = value;
            return this;
        }

        public Builder financeSync(FinanceSync value) {
            this.financeSync = value;
            return this;
        }

        public Builder preferences(NotificationPreferences value) {
            this.preferences = value;
            return this;
        }

        public Builder secrets(SecretSource value) {
            this.secrets = value;
            return this;
        }

        public Builder uploads(UploadService value) {
            this.uploads = value;
            return this;
        }

        public Builder uploadArrivals(UploadArrivals value) {
            this.uploadArrivals = value;
            return this;
        }

        public Builder attachments(AttachmentService value) {
            this.attachments = value;
            return this;
        }

        public Builder deals(DealService value) {
            this.deals = value;
            return this;
        }

        public Builder staleDeals(StaleDeals value) {
            this.staleDeals = value;
            return this;
        }

        public Builder funnel(FunnelService value) {
            this.funnel = value;
            return this;
        }

        public Builder customerDeals(CustomerDeals value) {
            this.customerDeals = value;
            return this;
        }

        public Builder activities(Activities value) {
            this.activities = value;
            return this;
        }

        public Builder timeline(CustomerTimeline value) {
            this.timeline = value;
            return this;
        }

        public Builder repActivity(RepActivity value) {
            this.repActivity = value;
            return this;
        }

        public Builder repIdle(RepIdleSweep value) {
            this.repIdle = value;
            return this;
        }

        public Builder search(SearchService value) {
            this.search = value;
            return this;
        }

        public Builder searchIndexer(SearchIndexer value) {
            this.searchIndexer = value;
            return this;
        }

        public Builder searchBackfill(SearchBackfill value) {
            this.searchBackfill = value;
            return this;
        }

        public Builder contracts(ContractService value) {
            this.contracts = value;
            return this;
        }

        public Builder reports(Reports value) {
            this.reports = value;
            return this;
        }

        public Builder charts(ChartService value) {
            this.charts = value;
            return this;
        }

        public Builder anomalies(AnomalyService value) {
            this.anomalies = value;
            return this;
        }

        public Builder splitOrders(SplitOrderReactor value) {
            this.splitOrders = value;
            return this;
        }

        public Builder health(CustomerHealth value) {
            this.health = value;
            return this;
        }

        public Builder tickets(Tickets value) {
            this.tickets = value;
            return this;
        }

        public Builder consistency(ConsistencyService value) {
            this.consistency = value;
            return this;
        }

        public Builder consistencyDiffs(ConsistencyDiff value) {
            this.consistencyDiffs = value;
            return this;
        }

        public Builder protection(ApiProtection value) {
            this.protection = value;
            return this;
        }

        public CoreServices build() {
            return new CoreServices(this);
        }
    }
}

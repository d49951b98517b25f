package org.opencrm.graphql.lead;

import static org.opencrm.graphql.RequestContext.caller;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dataloader.DataLoader;
import org.opencrm.core.config.ConfigVersion;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.intake.IntakeChannels;
import org.opencrm.core.intake.IntakeOutcome;
import org.opencrm.core.intake.IntakeService;
import org.opencrm.core.intake.LeadImport;
import org.opencrm.core.intake.LeadImportService;
import org.opencrm.core.intake.QuarantinedRecord;
import org.opencrm.core.lead.LeadFilter;
import org.opencrm.core.lead.LeadService;
import org.opencrm.core.leadwork.AssignmentService;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.user.User;
import org.opencrm.graphql.Inputs;
import org.opencrm.graphql.loaders.OpenLeadCountLoader;
import org.opencrm.graphql.relay.Connections;

/** Binds lead.graphqls to the lead and intake use cases. */
public final class LeadWiring {

    private final LeadService leads;
    private final IntakeService intake;
    private final IntakeChannels channels;
    private final LeadImportService imports;

    private final AssignmentService assignments;

    public LeadWiring(
            LeadService leads,
            IntakeService intake,
            IntakeChannels channels,
            LeadImportService imports,
            AssignmentService assignments) {
        this.assignments = assignments;
        this.leads = leads;
        this.intake = intake;
        this.channels = channels;
        this.imports = imports;
    }

    /** A channel as the schema shows it. */
    public record LeadChannelNode(String id, String label, Map<String, String> aliases) {}

    public void register(RuntimeWiring.Builder wiring) {
        wiring.type(
                "Query",
                type ->
                        type.dataFetcher("lead", this::queryLead)
                                .dataFetcher("leads", this::queryLeads)
                                .dataFetcher("leadChannels", this::queryLeadChannels)
                                .dataFetcher("quarantinedLeads", this::queryQuarantinedLeads)
                                .dataFetcher("quarantinedLead", this::queryQuarantinedLead)
                                .dataFetcher("leadImport", this::queryLeadImport)
                                .dataFetcher("unassignedLeads", this::queryUnassignedLeads)
                                .dataFetcher("repResponseStats", this::queryRepResponseStats)
                                .dataFetcher(
                                        "coachingFlags",
                                        env -> assignments.coachingFlags(caller(env))));
        // every user of the response in one batch read: see OpenLeadCountLoader
        wiring.type(
                "User",
                type ->
                        type.dataFetcher(
                                "openLeadCount",
                                env -> {
                                    User user = env.getSource();
                                    DataLoader<String, Long> counts =
                                            env.getDataLoader(OpenLeadCountLoader.NAME);
                                    return counts.load(user.id()).thenApply(Long::intValue);
                                }));
        wiring.type(
                "LeadImport", type -> type.dataFetcher("errorReport", this::leadImportErrorReport));
        wiring.type(
                "Mutation",
                type ->
                        type.dataFetcher("ingestLeads", this::mutationIngestLeads)
                                .dataFetcher("replayQuarantined", this::mutationReplayQuarantined)
                                .dataFetcher("convertLead", this::mutationConvertLead)
                                .dataFetcher("disqualifyLead", this::mutationDisqualifyLead)
                                .dataFetcher("setLeadChannel", this::mutationSetLeadChannel)
                                .dataFetcher("startLeadImport", this::mutationStartLeadImport)
                                .dataFetcher("assignLead", this::mutationAssignLead)
                                .dataFetcher(
                                        "markLeadViewed",
                                        env ->
                                                LeadNode.of(
                                                        assignments.markViewed(
                                                                env.getArgument("id"),
                                                                caller(env))))
                                .dataFetcher("logLeadContact", this::mutationLogLeadContact));
    }

    private LeadNode queryLead(DataFetchingEnvironment env) {
        return LeadNode.of(leads.get(env.getArgument("id"), caller(env)));
    }

    private Object queryLeads(DataFetchingEnvironment env) {
        PageRequest page = PageRequest.of(env.getArgument("first"), env.getArgument("after"));
        return Connections.of(
                leads.list(filter(env.getArgument("filter")), page, caller(env)).map(LeadNode::of));
    }

    private List<LeadChannelNode> queryLeadChannels(DataFetchingEnvironment env) {
        return channels.current().channels().entrySet().stream()
                .map(
                        entry ->
                                new LeadChannelNode(
                                        entry.getKey(),
                                        entry.getValue().label(),
                                        entry.getValue().aliases()))
                .toList();
    }

    private Object queryQuarantinedLeads(DataFetchingEnvironment env) {
        PageRequest page = PageRequest.of(env.getArgument("first"), env.getArgument("after"));
        return Connections.of(
                intake.quarantined(
                        env.getArgument("channel"),
                        env.getArgument("from"),
                        env.getArgument("to"),
                        page));
    }

    private QuarantinedRecord queryQuarantinedLead(DataFetchingEnvironment env) {
        return intake.quarantinedRecord(env.getArgument("id"));
    }

    private Object queryUnassignedLeads(DataFetchingEnvironment env) {
        PageRequest page = PageRequest.of(env.getArgument("first"), env.getArgument("after"));
        return Connections.of(
                assignments
                        .unassigned(env.getArgument("region"), page, caller(env))
                        .map(LeadNode::of));
    }

    private AssignmentService.RepResponse queryRepResponseStats(DataFetchingEnvironment env) {
        return assignments.responseStats(
                env.getArgument("userId"),
                env.getArgument("from"),
                env.getArgument("to"),
                caller(env));
    }

    private LeadNode mutationAssignLead(DataFetchingEnvironment env) {
        Integer version = env.getArgument("expectedVersion");
        return LeadNode.of(
                assignments.assignByHand(
                        env.getArgument("id"),
                        env.getArgument("userId"),
                        version.longValue(),
                        caller(env)));
    }

    private LeadNode mutationLogLeadContact(DataFetchingEnvironment env) {
        AssignmentService.ContactKind kind =
                AssignmentService.ContactKind.valueOf(env.getArgument("kind").toString());
        return LeadNode.of(
                assignments.logContact(
                        env.getArgument("id"), kind, env.getArgument("note"), caller(env)));
    }

    private LeadImport queryLeadImport(DataFetchingEnvironment env) {
        return imports.get(env.getArgument("id"), caller(env));
    }

    private LeadImport mutationStartLeadImport(DataFetchingEnvironment env) {
        return imports.start(env.getArgument("channel"), env.getArgument("csv"), caller(env));
    }

    private Map<String, Object> leadImportErrorReport(DataFetchingEnvironment env) {
        LeadImport job = env.getSource();
        Page<String> page =
                imports.errorReport(
                        job.id(),
                        PageRequest.of(env.getArgument("first"), env.getArgument("after")),
                        caller(env));
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", page.hasNextPage());
        pageInfo.put("endCursor", page.endCursor());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("csv", LeadImportService.reportDocument(page));
        report.put("rowCount", page.entries().size());
        report.put("pageInfo", pageInfo);
        return report;
    }

    private List<IntakeOutcome> mutationIngestLeads(DataFetchingEnvironment env) {
        List<Object> records = env.getArgument("records");
        return intake.ingest(env.getArgument("channel"), trees(records), caller(env));
    }

    private List<IntakeOutcome> mutationReplayQuarantined(DataFetchingEnvironment env) {
        List<Object> patches = env.getArgument("patches");
        return intake.replay(
                env.getArgument("ids"), patches == null ? null : trees(patches), caller(env));
    }

    private LeadNode mutationConvertLead(DataFetchingEnvironment env) {
        Integer version = env.getArgument("expectedVersion");
        return LeadNode.of(leads.convert(env.getArgument("id"), version.longValue(), caller(env)));
    }

    private LeadNode mutationDisqualifyLead(DataFetchingEnvironment env) {
        Integer version = env.getArgument("expectedVersion");
        return LeadNode.of(
                leads.disqualify(
                        env.getArgument("id"),
                        version.longValue(),
                        env.getArgument("reasonId"),
                        env.getArgument("note"),
                        caller(env)));
    }

    private ConfigVersion mutationSetLeadChannel(DataFetchingEnvironment env) {
        Integer version = env.getArgument("expectedVersion");
        return channels.setChannel(
                env.getArgument("id"),
                version.longValue(),
                env.getArgument("label"),
                aliases(env.getArgument("aliases")),
                env.getArgument("note"),
                caller(env));
    }

    /**
     * The alias map as raw name -> canonical name; anything but an object of strings is named back.
     */
    private static Map<String, String> aliases(Object raw) {
        if (!(raw instanceof Map<?, ?> map)) {
            throw new ValidationException(
                    new FieldProblem(
                            "aliases",
                            "type",
                            "must be a JSON object of raw field name -> canonical field name",
                            "object"));
        }
        Map<String, String> aliases = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getValue() instanceof String canonical)) {
                throw new ValidationException(
                        new FieldProblem(
                                "aliases." + entry.getKey(),
                                "type",
                                "must be the name of a canonical field (a string)",
                                "string"));
            }
            aliases.put(entry.getKey().toString(), canonical);
        }
        return aliases;
    }

    private static List<JsonNode> trees(List<Object> values) {
        return values.stream().map(value -> Inputs.tree(value)).toList();
    }

    private static LeadFilter filter(Map<String, Object> raw) {
        if (raw == null) {
            return LeadFilter.ALL;
        }
        return Inputs.bind(raw, LeadFilter.class);
    }
}

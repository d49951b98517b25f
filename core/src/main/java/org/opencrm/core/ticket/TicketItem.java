package org.opencrm.core.ticket;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.util.List;
import org.opencrm.core.store.JsonText;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.VersionedItem;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

/**
 * Enhanced Client mapping of a service ticket (kind {@code TICKET}) in the tickets table; lives
 * only inside the store. It carries an entity type, so the audit stream files one row per change
 * under the ticket's id. The sparse keys (category while resolved, escalation and survey while due)
 * are absent otherwise, so their indexes hold only the work they list.
 */
@DynamoDbBean
public class TicketItem extends VersionedItem {

    public static final String ENTITY_TYPE = "TICKET";
    public static final String KIND = "TICKET";
    static final String BY_CUSTOMER = "ticketsByCustomer";
    static final String BY_ASSIGNEE = "ticketsByAssignee";
    static final String BY_AGENT = "ticketsByAgent";
    static final String BY_TEAM_STATUS = "ticketsByTeamStatus";
    static final String BY_ALL = "ticketsByAll";
    static final String BY_CATEGORY_RESOLVED = "ticketsByCategoryResolved";
    static final String BY_ESCALATION_DUE = "ticketsByEscalationDue";
    static final String BY_SURVEY_DUE = "ticketsBySurveyDue";
    private static final TypeReference<List<StoredAction>> ACTIONS = new TypeReference<>() {};
    private static final TypeReference<List<StoredTransition>> TRANSITIONS =
            new TypeReference<>() {};

    /** An action as JSON text keeps it: ISO instants (the shared mapper has no time module). */
    record StoredAction(String at, String actorId, String text) {

        static StoredAction of(TicketAction action) {
            return new StoredAction(action.at().toString(), action.actorId(), action.text());
        }

        TicketAction toAction() {
            return new TicketAction(Instant.parse(at), actorId, text);
        }
    }

    /** A transition as JSON text keeps it; no status for the first response. */
    record StoredTransition(String status, String at) {

        static StoredTransition of(TicketTransition transition) {
            return new StoredTransition(
                    transition.status() == null ? null : transition.status().name(),
                    transition.at().toString());
        }

        TicketTransition toTransition() {
            return new TicketTransition(
                    status == null ? null : TicketStatus.valueOf(status), Instant.parse(at));
        }
    }

    private String kind;
    private String customerId;
    private String goldenId;
    private String channel;
    private List<String> category;
    private String priority;
    private String status;
    private String assigneeId;
    private String team;
    private String region;
    private String serviceAgentId;
    private String customerWords;
    private String actions;
    private String resolution;
    private Boolean effective;
    private Integer resolutionCount;
    private String transitions;
    private Instant firstRespondedAt;
    private Instant firstResponseDueAt;
    private Instant resolutionDueAt;
    private Boolean breached;
    private Instant escalateAt;
    private Instant escalatedAt;
    private Instant surveyDueAt;
    private Instant resolvedAt;
    private Instant closedAt;
    private String openedBy;
    private Instant createdAt;
    private String customerKey;
    private String assigneeKey;
    private String agentKey;
    private String teamStatusKey;
    private String allKey;
    private String listKey;
    private String categoryKey;
    private String resolvedKey;
    private String escalationDueKey;
    private String escalationAtKey;
    private String surveyDueKey;
    private String surveyAtKey;

    static TicketItem from(Ticket ticket, WriteStamp stamp) {
        TicketItem item = new TicketItem();
        item.setId(ticket.id());
        // the version the caller read; the versioned extension checks it and writes +1
        item.versionFrom(ticket.version());
        item.kind = KIND;
        item.customerId = ticket.customerId();
        item.goldenId = ticket.goldenId();
        item.channel = ticket.channel().name();
        item.category = ticket.category();
        item.priority = ticket.priority().name();
        item.status = ticket.status().name();
        item.assigneeId = ticket.assigneeId();
        item.team = ticket.team();
        item.region = ticket.region();
        item.serviceAgentId = ticket.serviceAgentId();
        item.customerWords = ticket.customerWords();
        item.actions = JsonText.write(ticket.actions().stream().map(StoredAction::of).toList());
        item.resolution = ticket.resolution();
        item.effective = ticket.effective();
        item.resolutionCount = ticket.resolutionCount();
        item.transitions =
                JsonText.write(ticket.transitions().stream().map(StoredTransition::of).toList());
        item.firstRespondedAt = ticket.firstRespondedAt();
        item.firstResponseDueAt = ticket.firstResponseDueAt();
        item.resolutionDueAt = ticket.resolutionDueAt();
        item.breached = ticket.breached();
        item.escalateAt = ticket.escalateAt();
        item.escalatedAt = ticket.escalatedAt();
        item.surveyDueAt = ticket.surveyDueAt();
        item.resolvedAt = ticket.resolvedAt();
        item.closedAt = ticket.closedAt();
        item.openedBy = ticket.openedBy();
        item.createdAt = ticket.createdAt();
        item.keys(ticket);
        item.stamp(ENTITY_TYPE, stamp);
        return item;
    }

    private void keys(Ticket ticket) {
        customerKey = Keys.ticketCustomer(ticket.customerId());
        assigneeKey = ticket.assigneeId() == null ? null : Keys.ticketAssignee(ticket.assigneeId());
        agentKey =
                ticket.serviceAgentId() == null ? null : Keys.ticketAgent(ticket.serviceAgentId());
        teamStatusKey =
                ticket.team() == null
                        ? null
                        : Keys.ticketTeamStatus(ticket.team(), ticket.status().name());
        allKey = Keys.ticketAll(ticket.id());
        listKey = Keys.listKey(ticket.createdAt(), ticket.id());
        boolean resolved =
                ticket.status() == TicketStatus.RESOLVED || ticket.status() == TicketStatus.CLOSED;
        categoryKey = resolved ? Keys.ticketCategoryResolved(ticket.category()) : null;
        resolvedKey = resolved ? Keys.listKey(ticket.resolvedAt(), ticket.id()) : null;
        escalationDueKey =
                ticket.escalateAt() == null ? null : Keys.ticketEscalationDue(ticket.id());
        escalationAtKey =
                ticket.escalateAt() == null ? null : Keys.listKey(ticket.escalateAt(), ticket.id());
        surveyDueKey = ticket.surveyDueAt() == null ? null : Keys.ticketSurveyDue(ticket.id());
        surveyAtKey =
                ticket.surveyDueAt() == null
                        ? null
                        : Keys.listKey(ticket.surveyDueAt(), ticket.id());
    }

    Ticket toTicket() {
        return Ticket.builder()
                .id(getId())
                .version(recordVersion())
                .customerId(customerId)
                .goldenId(goldenId)
                .channel(TicketChannel.valueOf(channel))
                .category(category)
                .priority(TicketPriority.valueOf(priority))
                .status(TicketStatus.valueOf(status))
                .assigneeId(assigneeId)
                .team(team)
                .region(region)
                .serviceAgentId(serviceAgentId)
                .customerWords(customerWords)
                .actions(
                        actions == null
                                ? List.of()
                                : JsonText.read(actions, ACTIONS).stream()
                                        .map(StoredAction::toAction)
                                        .toList())
                .resolution(resolution)
                .effective(effective)
                .resolutionCount(resolutionCount == null ? 0 : resolutionCount)
                .transitions(
                        transitions == null
                                ? List.of()
                                : JsonText.read(transitions, TRANSITIONS).stream()
                                        .map(StoredTransition::toTransition)
                                        .toList())
                .firstRespondedAt(firstRespondedAt)
                .firstResponseDueAt(firstResponseDueAt)
                .resolutionDueAt(resolutionDueAt)
                .breached(Boolean.TRUE.equals(breached))
                .escalateAt(escalateAt)
                .escalatedAt(escalatedAt)
                .surveyDueAt(surveyDueAt)
                .resolvedAt(resolvedAt)
                .closedAt(closedAt)
                .openedBy(openedBy)
                .createdAt(createdAt)
                .updatedAt(getUpdatedAt())
                .build();
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getCustomerId() {
        return customerId;
    }

    public void setCustomerId(String customerId) {
        this.customerId = customerId;
    }

    public String getGoldenId() {
        return goldenId;
    }

    public void setGoldenId(String goldenId) {
        this.goldenId = goldenId;
    }

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    public List<String> getCategory() {
        return category;
    }

    public void setCategory(List<String> category) {
        this.category = category;
    }

    public String getPriority() {
        return priority;
    }

    public void setPriority(String priority) {
        this.priority = priority;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getAssigneeId() {
        return assigneeId;
    }

    public void setAssigneeId(String assigneeId) {
        this.assigneeId = assigneeId;
    }

    public String getTeam() {
        return team;
    }

    public void setTeam(String team) {
        this.team = team;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getServiceAgentId() {
        return serviceAgentId;
    }

    public void setServiceAgentId(String serviceAgentId) {
        this.serviceAgentId = serviceAgentId;
    }

    public String getCustomerWords() {
        return customerWords;
    }

    public void setCustomerWords(String customerWords) {
        this.customerWords = customerWords;
    }

    public String getActions() {
        return actions;
    }

    public void setActions(String actions) {
        this.actions = actions;
    }

    public String getResolution() {
        return resolution;
    }

    public void setResolution(String resolution) {
        this.resolution = resolution;
    }

    public Boolean getEffective() {
        return effective;
    }

    public void setEffective(Boolean effective) {
        this.effective = effective;
    }

    public Integer getResolutionCount() {
        return resolutionCount;
    }

    public void setResolutionCount(Integer resolutionCount) {
        this.resolutionCount = resolutionCount;
    }

    public String getTransitions() {
        return transitions;
    }

    public void setTransitions(String transitions) {
        this.transitions = transitions;
    }

    public Instant getFirstRespondedAt() {
        return firstRespondedAt;
    }

    public void setFirstRespondedAt(Instant firstRespondedAt) {
        this.firstRespondedAt = firstRespondedAt;
    }

    public Instant getFirstResponseDueAt() {
        return firstResponseDueAt;
    }

    public void setFirstResponseDueAt(Instant firstResponseDueAt) {
        this.firstResponseDueAt = firstResponseDueAt;
    }

    public Instant getResolutionDueAt() {
        return resolutionDueAt;
    }

    public void setResolutionDueAt(Instant resolutionDueAt) {
        this.resolutionDueAt = resolutionDueAt;
    }

    public Boolean getBreached() {
        return breached;
    }

    public void setBreached(Boolean breached) {
        this.breached = breached;
    }

    public Instant getEscalateAt() {
        return escalateAt;
    }

    public void setEscalateAt(Instant escalateAt) {
        this.escalateAt = escalateAt;
    }

    public Instant getEscalatedAt() {
        return escalatedAt;
    }

    public void setEscalatedAt(Instant escalatedAt) {
        this.escalatedAt = escalatedAt;
    }

    public Instant getSurveyDueAt() {
        return surveyDueAt;
    }

    public void setSurveyDueAt(Instant surveyDueAt) {
        this.surveyDueAt = surveyDueAt;
    }

    public Instant getResolvedAt() {
        return resolvedAt;
    }

    public void setResolvedAt(Instant resolvedAt) {
        this.resolvedAt = resolvedAt;
    }

    public Instant getClosedAt() {
        return closedAt;
    }

    public void setClosedAt(Instant closedAt) {
        this.closedAt = closedAt;
    }

    public String getOpenedBy() {
        return openedBy;
    }

    public void setOpenedBy(String openedBy) {
        this.openedBy = openedBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_CUSTOMER)
    public String getCustomerKey() {
        return customerKey;
    }

    public void setCustomerKey(String customerKey) {
        this.customerKey = customerKey;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_ASSIGNEE)
    public String getAssigneeKey() {
        return assigneeKey;
    }

    public void setAssigneeKey(String assigneeKey) {
        this.assigneeKey = assigneeKey;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_AGENT)
    public String getAgentKey() {
        return agentKey;
    }

    public void setAgentKey(String agentKey) {
        this.agentKey = agentKey;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_TEAM_STATUS)
    public String getTeamStatusKey() {
        return teamStatusKey;
    }

    public void setTeamStatusKey(String teamStatusKey) {
        this.teamStatusKey = teamStatusKey;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_ALL)
    public String getAllKey() {
        return allKey;
    }

    public void setAllKey(String allKey) {
        this.allKey = allKey;
    }

    @DynamoDbSecondarySortKey(
            indexNames = {BY_CUSTOMER, BY_ASSIGNEE, BY_AGENT, BY_TEAM_STATUS, BY_ALL})
    public String getListKey() {
        return listKey;
    }

    public void setListKey(String listKey) {
        this.listKey = listKey;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_CATEGORY_RESOLVED)
    public String getCategoryKey() {
        return categoryKey;
    }

    public void setCategoryKey(String categoryKey) {
        this.categoryKey = categoryKey;
    }

    @DynamoDbSecondarySortKey(indexNames = BY_CATEGORY_RESOLVED)
    public String getResolvedKey() {
        return resolvedKey;
    }

    public void setResolvedKey(String resolvedKey) {
        this.resolvedKey = resolvedKey;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_ESCALATION_DUE)
    public String getEscalationDueKey() {
        return escalationDueKey;
    }

    public void setEscalationDueKey(String escalationDueKey) {
        this.escalationDueKey = escalationDueKey;
    }

    @DynamoDbSecondarySortKey(indexNames = BY_ESCALATION_DUE)
    public String getEscalationAtKey() {
        return escalationAtKey;
    }

    public void setEscalationAtKey(String escalationAtKey) {
        this.escalationAtKey = escalationAtKey;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_SURVEY_DUE)
    public String getSurveyDueKey() {
        return surveyDueKey;
    }

    public void setSurveyDueKey(String surveyDueKey) {
        this.surveyDueKey = surveyDueKey;
    }

    @DynamoDbSecondarySortKey(indexNames = BY_SURVEY_DUE)
    public String getSurveyAtKey() {
        return surveyAtKey;
    }

    public void setSurveyAtKey(String surveyAtKey) {
        this.surveyAtKey = surveyAtKey;
    }
}

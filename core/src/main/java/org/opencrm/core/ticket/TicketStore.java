package org.opencrm.core.ticket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.CancellationReasons;
import org.opencrm.core.store.ConflictRetry;
import org.opencrm.core.store.ItemTables;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.ShardedIndexQuery;
import org.opencrm.core.store.ShardedIndexQuery.SortRange;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Service tickets and their timeline events in the tickets table. Every write is one transaction
 * led by the version-checked ticket, with the event it makes (written once: its id names the
 * version). Every read is a key or index query; the due lists read sparse indexes.
 */
public final class TicketStore {

    private static final Expression EVENT_IS_NEW =
            Expression.builder()
                    .expression("attribute_not_exists(#id)")
                    .putExpressionName("#id", "id")
                    .build();

    private final DynamoDbEnhancedClient enhanced;
    private final Supplier<DynamoDbTable<TicketItem>> tickets;
    private final Supplier<DynamoDbTable<TicketEventItem>> events;
    private final Map<String, ShardedIndexQuery<TicketItem>> listIndexes = new HashMap<>();
    private final ShardedIndexQuery<TicketItem> resolvedByCategory;
    private final ShardedIndexQuery<TicketItem> escalationsDue;
    private final ShardedIndexQuery<TicketItem> surveysDue;
    private final ShardedIndexQuery<TicketEventItem> eventsOfCustomer;

    public TicketStore(DynamoDbEnhancedClient enhanced, TableNames tables) {
        this.enhanced = enhanced;
        this.tickets = ItemTables.lazy(enhanced, tables.tickets(), TicketItem.class);
        this.events = ItemTables.lazy(enhanced, tables.tickets(), TicketEventItem.class);
        for (String index :
                List.of(
                        TicketItem.BY_CUSTOMER,
                        TicketItem.BY_ASSIGNEE,
                        TicketItem.BY_AGENT,
                        TicketItem.BY_TEAM_STATUS,
                        TicketItem.BY_ALL)) {
            listIndexes.put(
                    index,
                    new ShardedIndexQuery<>(
                            ItemTables.index(tickets, index), TicketItem::getListKey));
        }
        this.resolvedByCategory =
                new ShardedIndexQuery<>(
                        ItemTables.index(tickets, TicketItem.BY_CATEGORY_RESOLVED),
                        TicketItem::getResolvedKey);
        // work lists: oldest due first
        this.escalationsDue =
                new ShardedIndexQuery<>(
                        ItemTables.index(tickets, TicketItem.BY_ESCALATION_DUE),
                        TicketItem::getEscalationAtKey,
                        true);
        this.surveysDue =
                new ShardedIndexQuery<>(
                        ItemTables.index(tickets, TicketItem.BY_SURVEY_DUE),
                        TicketItem::getSurveyAtKey,
                        true);
        this.eventsOfCustomer =
                new ShardedIndexQuery<>(
                        ItemTables.index(events, TicketEventItem.BY_CUSTOMER_EVENTS),
                        TicketEventItem::getEventAtKey);
    }

    public Optional<Ticket> find(String id) {
        // events share the table; they are not tickets
        return ItemTables.latest(tickets.get(), id)
                .filter(found -> TicketItem.KIND.equals(found.getKind()))
                .map(TicketItem::toTicket);
    }

    /** A new ticket (version 0 in, 1 out) with its OPENED event. */
    public Ticket insert(Ticket ticket, TicketEvent opened, WriteStamp stamp) {
        return write(ticket, ticket, opened, stamp);
    }

    /**
     * {@code next} over {@code current}, version-checked, with the event it makes (may be null):
     * one transaction. VERSION_CONFLICT when the ticket moved on since {@code current} was read.
     */
    public Ticket replace(Ticket current, Ticket next, TicketEvent event, WriteStamp stamp) {
        return write(current, next, event, stamp);
    }

    private Ticket write(Ticket current, Ticket next, TicketEvent event, WriteStamp stamp) {
        Ticket atRead = next.toBuilder().version(current.version()).build();
        TransactWriteItemsEnhancedRequest.Builder transaction =
                TransactWriteItemsEnhancedRequest.builder()
                        .addPutItem(tickets.get(), TicketItem.from(atRead, stamp));
        if (event != null) {
            transaction.addPutItem(
                    events.get(),
                    TransactPutItemEnhancedRequest.builder(TicketEventItem.class)
                            .item(TicketEventItem.from(event))
                            .conditionExpression(EVENT_IS_NEW)
                            .build());
        }
        TransactWriteItemsEnhancedRequest request = transaction.build();
        try {
            ConflictRetry.standard()
                    .run(
                            attempt -> {
                                enhanced.transactWriteItems(request);
                                return null;
                            });
        } catch (TransactionCanceledException cancelled) {
            CancellationReasons reasons = CancellationReasons.of(cancelled);
            if (reasons.conditionFailedAt(0) || reasons.conditionFailedAt(1)) {
                long now = find(current.id()).map(Ticket::version).orElse(0L);
                throw new VersionConflictException(current.id(), current.version(), now);
            }
            throw cancelled;
        }
        return atRead.toBuilder().version(current.version() + 1).updatedAt(stamp.at()).build();
    }

    public Page<Ticket> list(TicketFilter filter, PageRequest page) {
        ListPlan plan = choosePlan(filter);
        return listIndexes
                .get(plan.index())
                .page(plan.partitions(), page, residual(filter, plan.keyedTerms()))
                .map(TicketItem::toTicket);
    }

    /** The newest {@code limit} resolved or closed tickets of a category, one index query. */
    public List<Ticket> resolvedOfCategory(List<String> category, int limit) {
        return resolvedByCategory
                .first(List.of(Keys.ticketCategoryResolved(category)), SortRange.ALL, limit)
                .stream()
                .map(TicketItem::toTicket)
                .toList();
    }

    /** Ids of tickets whose escalation is due by {@code now}, oldest first, every shard. */
    public List<String> escalationsDue(Instant now, int limit) {
        return escalationsDue
                .first(
                        Keys.ticketEscalationDueShards(),
                        new SortRange(null, Keys.listKeyUpTo(now)),
                        limit)
                .stream()
                .map(TicketItem::getId)
                .toList();
    }

    /** Ids of tickets whose satisfaction survey is due by {@code now}, oldest first. */
    public List<String> surveysDue(Instant now, int limit) {
        return surveysDue
                .first(
                        Keys.ticketSurveyDueShards(),
                        new SortRange(null, Keys.listKeyUpTo(now)),
                        limit)
                .stream()
                .map(TicketItem::getId)
                .toList();
    }

    /** A customer's ticket events, newest first: one partition. */
    public Page<TicketEvent> eventsOfCustomer(String customerId, PageRequest page) {
        return eventsOfCustomer
                .page(List.of(Keys.ticketEventCustomer(customerId)), page, null)
                .map(TicketEventItem::toEvent);
    }

    private record ListPlan(String index, List<String> partitions, List<String> keyedTerms) {}

    /**
     * The most selective asked term picks the index: an assignee's, a customer's, an agent's, a
     * team's (per status), else all tickets, sharded. Row scope's pinned term is always one of the
     * first four, so every role's list is a key query inside its own scope.
     */
    private static ListPlan choosePlan(TicketFilter filter) {
        if (filter.assigneeId() != null) {
            return new ListPlan(
                    TicketItem.BY_ASSIGNEE,
                    List.of(Keys.ticketAssignee(filter.assigneeId())),
                    List.of("assigneeId"));
        }
        if (filter.customerId() != null) {
            return new ListPlan(
                    TicketItem.BY_CUSTOMER,
                    List.of(Keys.ticketCustomer(filter.customerId())),
                    List.of("customerId"));
        }
        if (filter.serviceAgentId() != null) {
            return new ListPlan(
                    TicketItem.BY_AGENT,
                    List.of(Keys.ticketAgent(filter.serviceAgentId())),
                    List.of("serviceAgentId"));
        }
        if (filter.team() != null) {
            List<TicketStatus> statuses =
                    filter.status() == null
                            ? Arrays.asList(TicketStatus.values())
                            : List.of(filter.status());
            return new ListPlan(
                    TicketItem.BY_TEAM_STATUS,
                    statuses.stream()
                            .map(status -> Keys.ticketTeamStatus(filter.team(), status.name()))
                            .toList(),
                    List.of("team", "status"));
        }
        return new ListPlan(TicketItem.BY_ALL, Keys.ticketAllShards(), List.of());
    }

    /** Every filter term the index key does not apply, as one condition; null when none. */
    private static Expression residual(TicketFilter filter, List<String> keyedTerms) {
        Map<String, AttributeValue> terms = new LinkedHashMap<>();
        putText(terms, "customerId", filter.customerId());
        putText(terms, "assigneeId", filter.assigneeId());
        putText(terms, "serviceAgentId", filter.serviceAgentId());
        putText(terms, "team", filter.team());
        putText(terms, "status", filter.status() == null ? null : filter.status().name());
        keyedTerms.forEach(terms::remove);
        if (terms.isEmpty()) {
            return null;
        }
        Expression.Builder expression = Expression.builder();
        List<String> conditions = new ArrayList<>();
        terms.forEach(
                (attribute, value) -> {
                    conditions.add("#" + attribute + " = :" + attribute);
                    expression.putExpressionName("#" + attribute, attribute);
                    expression.putExpressionValue(":" + attribute, value);
                });
        return expression.expression(String.join(" AND ", conditions)).build();
    }

    private static void putText(Map<String, AttributeValue> terms, String name, String value) {
        if (value != null) {
            terms.put(name, AttributeValue.fromS(value));
        }
    }
}

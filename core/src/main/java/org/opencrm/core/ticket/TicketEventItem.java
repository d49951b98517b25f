package org.opencrm.core.ticket;

import java.time.Instant;
import java.util.List;
import org.opencrm.core.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

/**
 * A ticket's event (opened, resolved, reopened, closed) beside it in the tickets table, written
 * once in the transaction of the ticket version that made it; the customer's timeline reads them
 * from {@code ticketEventsByCustomer}, newest first. No entity type: the ticket's own row in the
 * audit trail already records the change.
 */
@DynamoDbBean
public class TicketEventItem {

    public static final String KIND = "TICKET_EVENT";
    static final String BY_CUSTOMER_EVENTS = "ticketEventsByCustomer";

    private String id;
    private String kind;
    private String ticketId;
    private Long ticketVersion;
    private String customerId;
    private String eventKind;
    private List<String> category;
    private Instant at;
    private String actorId;
    private String detail;
    private String eventCustomerKey;
    private String eventAtKey;

    static TicketEventItem from(TicketEvent event) {
        TicketEventItem item = new TicketEventItem();
        item.id = Keys.ticketEvent(event.ticketId(), event.ticketVersion());
        item.kind = KIND;
        item.ticketId = event.ticketId();
        item.ticketVersion = event.ticketVersion();
        item.customerId = event.customerId();
        item.eventKind = event.kind().name();
        item.category = event.category();
        item.at = event.at();
        item.actorId = event.actorId();
        item.detail = event.detail();
        item.eventCustomerKey = Keys.ticketEventCustomer(event.customerId());
        item.eventAtKey = Keys.listKey(event.at(), item.id);
        return item;
    }

    TicketEvent toEvent() {
        return new TicketEvent(
                ticketId,
                ticketVersion == null ? 0 : ticketVersion,
                customerId,
                TicketEventKind.valueOf(eventKind),
                category == null ? List.of() : category,
                at,
                actorId,
                detail);
    }

    @DynamoDbPartitionKey
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getTicketId() {
        return ticketId;
    }

    public void setTicketId(String ticketId) {
        this.ticketId = ticketId;
    }

    public Long getTicketVersion() {
        return ticketVersion;
    }

    public void setTicketVersion(Long ticketVersion) {
        this.ticketVersion = ticketVersion;
    }

    public String getCustomerId() {
        return customerId;
    }

    public void setCustomerId(String customerId) {
        this.customerId = customerId;
    }

    public String getEventKind() {
        return eventKind;
    }

    public void setEventKind(String eventKind) {
        this.eventKind = eventKind;
    }

    public List<String> getCategory() {
        return category;
    }

    public void setCategory(List<String> category) {
        this.category = category;
    }

    public Instant getAt() {
        return at;
    }

    public void setAt(Instant at) {
        this.at = at;
    }

    public String getActorId() {
        return actorId;
    }

    public void setActorId(String actorId) {
        this.actorId = actorId;
    }

    public String getDetail() {
        return detail;
    }

    public void setDetail(String detail) {
        this.detail = detail;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_CUSTOMER_EVENTS)
    public String getEventCustomerKey() {
        return eventCustomerKey;
    }

    public void setEventCustomerKey(String eventCustomerKey) {
        this.eventCustomerKey = eventCustomerKey;
    }

    @DynamoDbSecondarySortKey(indexNames = BY_CUSTOMER_EVENTS)
    public String getEventAtKey() {
        return eventAtKey;
    }

    public void setEventAtKey(String eventAtKey) {
        this.eventAtKey = eventAtKey;
    }
}

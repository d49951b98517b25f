package org.opencrm.core.timeline;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.opencrm.core.access.Caller;
import org.opencrm.core.audit.AuditEntry;
import org.opencrm.core.audit.AuditOperation;
import org.opencrm.core.audit.AuditStore;
import org.opencrm.core.audit.FieldChange;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadService;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;

/**
 * What happened to the customer's leads: a lead keeps only its current state, so the honest record
 * of its events (created, assigned, contacted, converted) is its audit trail. The customer's leads
 * from the leads' {@code byCustomer} index, then their trails read side by side and merged.
 *
 * <p>Only the kind of event, the status reached and the names of the changed fields are shown,
 * never field values: the field matrix governs those, in {@code auditTrail}.
 */
public final class LeadEventTimeline implements TimelineSource {

    public static final String NAME = "lead";

    private final LeadService leads;
    private final AuditStore audit;

    public LeadEventTimeline(LeadService leads, AuditStore audit) {
        this.leads = leads;
        this.audit = audit;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Page<TimelineEntry> page(String customerId, PageRequest page, Caller caller) {
        PageRequest everyLead = new PageRequest(PageRequest.MAX_SIZE, Optional.empty());
        Map<String, Lead> readable =
                leads.ofCustomer(customerId, everyLead, caller).entries().stream()
                        .map(Page.Entry::item)
                        .collect(Collectors.toMap(Lead::id, Function.identity()));
        return audit.trails(readable.keySet().stream().sorted().toList(), page)
                .map(change -> entry(readable.get(change.entityId()), change));
    }

    static TimelineEntry entry(Lead lead, AuditEntry change) {
        String name = "Lead " + (lead.fields().name() == null ? lead.id() : lead.fields().name());
        String changed =
                change.changes().stream().map(FieldChange::field).collect(Collectors.joining(", "));
        String detail = changed.isEmpty() ? null : changed;
        if (change.operation() == AuditOperation.CREATE) {
            return new TimelineEntry(
                    change.at(),
                    "LEAD_CREATED",
                    name + " created",
                    change.actorId(),
                    lead.id(),
                    null);
        }
        Optional<FieldChange> status =
                change.changes().stream()
                        .filter(field -> "status".equals(field.field()))
                        .findFirst();
        if (status.isPresent() && status.get().after() != null) {
            String reached = status.get().after();
            return new TimelineEntry(
                    change.at(),
                    "LEAD_" + reached,
                    name + ": " + status.get().before() + " → " + reached,
                    change.actorId(),
                    lead.id(),
                    detail);
        }
        return new TimelineEntry(
                change.at(),
                "LEAD_" + change.operation().name(),
                name + " " + change.operation().name().toLowerCase(java.util.Locale.ROOT),
                change.actorId(),
                lead.id(),
                detail);
    }
}

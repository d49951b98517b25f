package org.opencrm.graphql.lead;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.opencrm.core.lead.Assignment;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadFields;
import org.opencrm.core.lead.LeadStatus;

/** The GraphQL {@code Lead} type's shape: the domain record, flattened. */
public record LeadNode(
        String id,
        long version,
        String channel,
        List<String> sources,
        LeadStatus status,
        String name,
        String phone,
        String email,
        String wechatId,
        String company,
        String region,
        BigDecimal budget,
        String notes,
        Integer interactions30d,
        String nationalId,
        Map<String, Object> extra,
        String raw,
        List<String> flags,
        String ownerId,
        String team,
        String customerId,
        String goldenId,
        Instant createdAt,
        Instant updatedAt,
        Instant lastIntakeAt,
        boolean flaggedRed,
        int slaStep,
        Instant slaDueAt,
        String unassignedReason,
        Assignment assignment,
        Instant assignedAt,
        Instant viewedAt,
        Instant contactedAt,
        String lastSlaStep) {

    static LeadNode of(Lead lead) {
        LeadFields f = lead.fields();
        return new LeadNode(
                lead.id(),
                lead.version(),
                lead.channel(),
                lead.sources(),
                lead.status(),
                f.name(),
                f.phone(),
                f.email(),
                f.wechatId(),
                f.company(),
                f.region(),
                f.budget(),
                f.notes(),
                f.interactions30d(),
                f.nationalId(),
                lead.extra(),
                lead.raw(),
                lead.flags(),
                lead.ownerId(),
                lead.team(),
                lead.customerId(),
                lead.goldenId(),
                lead.createdAt(),
                lead.updatedAt(),
                lead.lastIntakeAt(),
                lead.work().flaggedRed(),
                lead.work().slaStep(),
                lead.work().slaDueAt(),
                lead.work().unassignedReason(),
                lead.work().assignment(),
                lead.work().assignedAt(),
                lead.work().viewedAt(),
                lead.work().contactedAt(),
                lead.work().lastSlaStep());
    }
}

package org.opencrm.graphql.lead;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.opencrm.core.lead.Assignment;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadFields;
import org.opencrm.core.lead.LeadStatus;

/** The GraphQL {@code Lead} type's shape: the domain record, flattened. */
@RecordBuilder
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
        String lastSlaStep,
        String disqualifyReason,
        String disqualifyNote) {

    public static LeadNode of(Lead lead) {
        LeadFields f = lead.fields();
        return LeadNode.builder()
                .id(lead.id())
                .version(lead.version())
                .channel(lead.channel())
                .sources(lead.sources())
                .status(lead.status())
                .name(f.name())
                .phone(f.phone())
                .email(f.email())
                .wechatId(f.wechatId())
                .company(f.company())
                .region(f.region())
                .budget(f.budget())
                .notes(f.notes())
                .interactions30d(f.interactions30d())
                .nationalId(f.nationalId())
                .extra(lead.extra())
                .raw(lead.raw())
                .flags(lead.flags())
                .ownerId(lead.ownerId())
                .team(lead.team())
                .customerId(lead.customerId())
                .goldenId(lead.goldenId())
                .createdAt(lead.createdAt())
                .updatedAt(lead.updatedAt())
                .lastIntakeAt(lead.lastIntakeAt())
                .flaggedRed(lead.work().flaggedRed())
                .slaStep(lead.work().slaStep())
                .slaDueAt(lead.work().slaDueAt())
                .unassignedReason(lead.work().unassignedReason())
                .assignment(lead.work().assignment())
                .assignedAt(lead.work().assignedAt())
                .viewedAt(lead.work().viewedAt())
                .contactedAt(lead.work().contactedAt())
                .lastSlaStep(lead.work().lastSlaStep())
                .disqualifyReason(lead.work().closeReason())
                .disqualifyNote(lead.work().closeNote())
                .build();
    }

    /** A new node, every field named. */
    public static LeadNodeBuilder builder() {
        return LeadNodeBuilder.builder();
    }

    /** A builder holding this record's values, to change some of them by name. */
    public LeadNodeBuilder toBuilder() {
        return LeadNodeBuilder.builder(this);
    }
}

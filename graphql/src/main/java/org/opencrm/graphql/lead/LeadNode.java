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
        String lastSlaStep,
        String disqualifyReason,
        String disqualifyNote) {

    static LeadNode of(Lead lead) {
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
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this record's values, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder()
                .id(id)
                .version(version)
                .channel(channel)
                .sources(sources)
                .status(status)
                .name(name)
                .phone(phone)
                .email(email)
                .wechatId(wechatId)
                .company(company)
                .region(region)
                .budget(budget)
                .notes(notes)
                .interactions30d(interactions30d)
                .nationalId(nationalId)
                .extra(extra)
                .raw(raw)
                .flags(flags)
                .ownerId(ownerId)
                .team(team)
                .customerId(customerId)
                .goldenId(goldenId)
                .createdAt(createdAt)
                .updatedAt(updatedAt)
                .lastIntakeAt(lastIntakeAt)
                .flaggedRed(flaggedRed)
                .slaStep(slaStep)
                .slaDueAt(slaDueAt)
                .unassignedReason(unassignedReason)
                .assignment(assignment)
                .assignedAt(assignedAt)
                .viewedAt(viewedAt)
                .contactedAt(contactedAt)
                .lastSlaStep(lastSlaStep)
                .disqualifyReason(disqualifyReason)
                .disqualifyNote(disqualifyNote);
    }

    /** Names every component; {@link #build()} is the one caller of the canonical constructor. */
    public static final class Builder {
        private String id;
        private long version;
        private String channel;
        private List<String> sources;
        private LeadStatus status;
        private String name;
        private String phone;
        private String email;
        private String wechatId;
        private String company;
        private String region;
        private BigDecimal budget;
        private String notes;
        private Integer interactions30d;
        private String nationalId;
        private Map<String, Object> extra;
        private String raw;
        private List<String> flags;
        private String ownerId;
        private String team;
        private String customerId;
        private String goldenId;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant lastIntakeAt;
        private boolean flaggedRed;
        private int slaStep;
        private Instant slaDueAt;
        private String unassignedReason;
        private Assignment assignment;
        private Instant assignedAt;
        private Instant viewedAt;
        private Instant contactedAt;
        private String disqualifyReason;
        private String disqualifyNote;
        private String lastSlaStep;

        private Builder() {}

        public Builder id(String value) {
            this.id = value;
            return this;
        }

        public Builder version(long value) {
            this.version = value;
            return this;
        }

        public Builder channel(String value) {
            this.channel = value;
            return this;
        }

        public Builder sources(List<String> value) {
            this.sources = value;
            return this;
        }

        public Builder status(LeadStatus value) {
            this.status = value;
            return this;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder phone(String value) {
            this.phone = value;
            return this;
        }

        public Builder email(String value) {
            this.email = value;
            return this;
        }

        public Builder wechatId(String value) {
            this.wechatId = value;
            return this;
        }

        public Builder company(String value) {
            this.company = value;
            return this;
        }

        public Builder region(String value) {
            this.region = value;
            return this;
        }

        public Builder budget(BigDecimal value) {
            this.budget = value;
            return this;
        }

        public Builder notes(String value) {
            this.notes = value;
            return this;
        }

        public Builder interactions30d(Integer value) {
            this.interactions30d = value;
            return this;
        }

        public Builder nationalId(String value) {
            this.nationalId = value;
            return this;
        }

        public Builder extra(Map<String, Object> value) {
            this.extra = value;
            return this;
        }

        public Builder raw(String value) {
            this.raw = value;
            return this;
        }

        public Builder flags(List<String> value) {
            this.flags = value;
            return this;
        }

        public Builder ownerId(String value) {
            this.ownerId = value;
            return this;
        }

        public Builder team(String value) {
            this.team = value;
            return this;
        }

        public Builder customerId(String value) {
            this.customerId = value;
            return this;
        }

        public Builder goldenId(String value) {
            this.goldenId = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            this.createdAt = value;
            return this;
        }

        public Builder updatedAt(Instant value) {
            this.updatedAt = value;
            return this;
        }

        public Builder lastIntakeAt(Instant value) {
            this.lastIntakeAt = value;
            return this;
        }

        public Builder flaggedRed(boolean value) {
            this.flaggedRed = value;
            return this;
        }

        public Builder slaStep(int value) {
            this.slaStep = value;
            return this;
        }

        public Builder slaDueAt(Instant value) {
            this.slaDueAt = value;
            return this;
        }

        public Builder unassignedReason(String value) {
            this.unassignedReason = value;
            return this;
        }

        public Builder assignment(Assignment value) {
            this.assignment = value;
            return this;
        }

        public Builder assignedAt(Instant value) {
            this.assignedAt = value;
            return this;
        }

        public Builder viewedAt(Instant value) {
            this.viewedAt = value;
            return this;
        }

        public Builder contactedAt(Instant value) {
            this.contactedAt = value;
            return this;
        }

        public Builder disqualifyReason(String value) {
            this.disqualifyReason = value;
            return this;
        }

        public Builder disqualifyNote(String value) {
            this.disqualifyNote = value;
            return this;
        }

        public Builder lastSlaStep(String value) {
            this.lastSlaStep = value;
            return this;
        }

        public LeadNode build() {
            return new LeadNode(
                    id,
                    version,
                    channel,
                    sources,
                    status,
                    name,
                    phone,
                    email,
                    wechatId,
                    company,
                    region,
                    budget,
                    notes,
                    interactions30d,
                    nationalId,
                    extra,
                    raw,
                    flags,
                    ownerId,
                    team,
                    customerId,
                    goldenId,
                    createdAt,
                    updatedAt,
                    lastIntakeAt,
                    flaggedRed,
                    slaStep,
                    slaDueAt,
                    unassignedReason,
                    assignment,
                    assignedAt,
                    viewedAt,
                    contactedAt,
                    lastSlaStep,
                    disqualifyReason,
                    disqualifyNote);
        }
    }
}

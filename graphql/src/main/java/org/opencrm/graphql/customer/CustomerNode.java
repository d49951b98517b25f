package org.opencrm.graphql.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerFields;
import org.opencrm.core.customer.CustomerLevel;
import org.opencrm.core.customer.CustomerStage;

/** The GraphQL {@code Customer} type's shape: the domain record, flattened. */
public record CustomerNode(
        String id,
        long version,
        String name,
        String phone,
        String email,
        String wechatId,
        CustomerStage stage,
        CustomerLevel level,
        String remark,
        String region,
        String team,
        String ownerId,
        String serviceAgentId,
        String nationalId,
        BigDecimal expectedDealAmount,
        BigDecimal contractAmount,
        String serviceNotes,
        Instant createdAt,
        Instant updatedAt,
        boolean archived,
        String archiveReason,
        String goldenId,
        List<ExternalIdNode> externalIds) {

    /** One entry of {@code Customer.externalIds}. */
    public record ExternalIdNode(String system, String id) {}

    static CustomerNode of(Customer customer) {
        CustomerFields f = customer.fields();
        return CustomerNode.builder()
                .id(customer.id())
                .version(customer.version())
                .name(f.name())
                .phone(f.phone())
                .email(f.email())
                .wechatId(f.wechatId())
                .stage(f.stage())
                .level(f.level())
                .remark(f.remark())
                .region(f.region())
                .team(customer.team())
                .ownerId(customer.ownerId())
                .serviceAgentId(customer.serviceAgentId())
                .nationalId(f.nationalId())
                .expectedDealAmount(f.expectedDealAmount())
                .contractAmount(f.contractAmount())
                .serviceNotes(f.serviceNotes())
                .createdAt(customer.createdAt())
                .updatedAt(customer.updatedAt())
                .archived(customer.archived())
                .archiveReason(customer.archiveReason())
                .goldenId(customer.goldenId())
                .externalIds(
                        customer.externalIds().entrySet().stream()
                                .map(entry -> new ExternalIdNode(entry.getKey(), entry.getValue()))
                                .toList())
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
                .name(name)
                .phone(phone)
                .email(email)
                .wechatId(wechatId)
                .stage(stage)
                .level(level)
                .remark(remark)
                .region(region)
                .team(team)
                .ownerId(ownerId)
                .serviceAgentId(serviceAgentId)
                .nationalId(nationalId)
                .expectedDealAmount(expectedDealAmount)
                .contractAmount(contractAmount)
                .serviceNotes(serviceNotes)
                .createdAt(createdAt)
                .updatedAt(updatedAt)
                .archived(archived)
                .archiveReason(archiveReason)
                .goldenId(goldenId)
                .externalIds(externalIds);
    }

    /** Names every component; {@link #build()} is the one caller of the canonical constructor. */
    public static final class Builder {
        private String id;
        private long version;
        private String name;
        private String phone;
        private String email;
        private String wechatId;
        private CustomerStage stage;
        private CustomerLevel level;
        private String remark;
        private String region;
        private String team;
        private String ownerId;
        private String serviceAgentId;
        private String nationalId;
        private BigDecimal expectedDealAmount;
        private BigDecimal contractAmount;
        private String serviceNotes;
        private Instant createdAt;
        private Instant updatedAt;
        private boolean archived;
        private String archiveReason;
        private String goldenId;
        private List<ExternalIdNode> externalIds;

        private Builder() {}

        public Builder id(String value) {
            this.id = value;
            return this;
        }

        public Builder version(long value) {
            this.version = value;
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

        public Builder stage(CustomerStage value) {
            this.stage = value;
            return this;
        }

        public Builder level(CustomerLevel value) {
            this.level = value;
            return this;
        }

        public Builder remark(String value) {
            this.remark = value;
            return this;
        }

        public Builder region(String value) {
            this.region = value;
            return this;
        }

        public Builder team(String value) {
            this.team = value;
            return this;
        }

        public Builder ownerId(String value) {
            this.ownerId = value;
            return this;
        }

        public Builder serviceAgentId(String value) {
            this.serviceAgentId = value;
            return this;
        }

        public Builder nationalId(String value) {
            this.nationalId = value;
            return this;
        }

        public Builder expectedDealAmount(BigDecimal value) {
            this.expectedDealAmount = value;
            return this;
        }

        public Builder contractAmount(BigDecimal value) {
            this.contractAmount = value;
            return this;
        }

        public Builder serviceNotes(String value) {
            this.serviceNotes = value;
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

        public Builder archived(boolean value) {
            this.archived = value;
            return this;
        }

        public Builder archiveReason(String value) {
            this.archiveReason = value;
            return this;
        }

        public Builder goldenId(String value) {
            this.goldenId = value;
            return this;
        }

        public Builder externalIds(List<ExternalIdNode> value) {
            this.externalIds = value;
            return this;
        }

        public CustomerNode build() {
            return new CustomerNode(
                    id,
                    version,
                    name,
                    phone,
                    email,
                    wechatId,
                    stage,
                    level,
                    remark,
                    region,
                    team,
                    ownerId,
                    serviceAgentId,
                    nationalId,
                    expectedDealAmount,
                    contractAmount,
                    serviceNotes,
                    createdAt,
                    updatedAt,
                    archived,
                    archiveReason,
                    goldenId,
                    externalIds);
        }
    }
}

package org.opencrm.graphql.customer;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerFields;
import org.opencrm.core.customer.CustomerLevel;
import org.opencrm.core.customer.CustomerStage;

/** The GraphQL {@code Customer} type's shape: the domain record, flattened. */
@RecordBuilder
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

    public static CustomerNode of(Customer customer) {
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
    public static CustomerNodeBuilder builder() {
        return CustomerNodeBuilder.builder();
    }

    /** A builder holding this record's values, to change some of them by name. */
    public CustomerNodeBuilder toBuilder() {
        return CustomerNodeBuilder.builder(this);
    }
}

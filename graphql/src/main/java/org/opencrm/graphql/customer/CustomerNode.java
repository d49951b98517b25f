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
        return new CustomerNode(
                customer.id(),
                customer.version(),
                f.name(),
                f.phone(),
                f.email(),
                f.wechatId(),
                f.stage(),
                f.level(),
                f.remark(),
                f.region(),
                customer.team(),
                customer.ownerId(),
                customer.serviceAgentId(),
                f.nationalId(),
                f.expectedDealAmount(),
                f.contractAmount(),
                f.serviceNotes(),
                customer.createdAt(),
                customer.updatedAt(),
                customer.archived(),
                customer.archiveReason(),
                customer.goldenId(),
                customer.externalIds().entrySet().stream()
                        .map(entry -> new ExternalIdNode(entry.getKey(), entry.getValue()))
                        .toList());
    }
}

package org.opencrm.core.customer;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.opencrm.core.access.Ownership;

/**
 * A customer as the domain sees it. Contact fields are stored normalised: phone in E.164, email
 * lower-cased. {@code team} is the owner's team, kept on the record so a team lead's list is one
 * index query.
 */
public record Customer(
        String id,
        long version,
        CustomerFields fields,
        String ownerId,
        String team,
        String serviceAgentId,
        Instant createdAt,
        Instant updatedAt,
        boolean archived,
        String archiveReason,
        String goldenId,
        Map<String, String> externalIds) {

    public Customer {
        externalIds = externalIds == null ? Map.of() : Map.copyOf(externalIds);
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public Customer(
            String id,
            long version,
            CustomerFields fields,
            String ownerId,
            Instant createdAt,
            Instant updatedAt,
            boolean archived,
            String archiveReason) {
        this(
                id,
                version,
                fields,
                ownerId,
                null,
                null,
                createdAt,
                updatedAt,
                archived,
                archiveReason,
                null,
                Map.of());
    }

    public Customer(
            String id,
            long version,
            CustomerFields fields,
            String ownerId,
            String team,
            String serviceAgentId,
            Instant createdAt,
            Instant updatedAt,
            boolean archived,
            String archiveReason) {
        this(
                id,
                version,
                fields,
                ownerId,
                team,
                serviceAgentId,
                createdAt,
                updatedAt,
                archived,
                archiveReason,
                null,
                Map.of());
    }

    public Customer withGoldenId(String value) {
        return new Customer(
                id,
                version,
                fields,
                ownerId,
                team,
                serviceAgentId,
                createdAt,
                updatedAt,
                archived,
                archiveReason,
                value,
                externalIds);
    }

    /** With {@code system}'s id set, or removed when {@code externalId} is null. */
    public Customer withExternalId(String system, String externalId, Instant at) {
        Map<String, String> next = new java.util.TreeMap<>(externalIds);
        if (externalId == null) {
            next.remove(system);
        } else {
            next.put(system, externalId);
        }
        return new Customer(
                id,
                version,
                fields,
                ownerId,
                team,
                serviceAgentId,
                createdAt,
                at,
                archived,
                archiveReason,
                goldenId,
                next);
    }

    public Ownership ownership() {
        return new Ownership(ownerId, team, fields.region(), serviceAgentId);
    }

    public Customer withFields(CustomerFields changed, Instant at) {
        return new Customer(
                id,
                version,
                changed,
                ownerId,
                team,
                serviceAgentId,
                createdAt,
                at,
                archived,
                archiveReason,
                goldenId,
                externalIds);
    }

    public Customer withOwner(String nextOwnerId, String nextTeam, Instant at) {
        return new Customer(
                id,
                version,
                fields,
                nextOwnerId,
                nextTeam,
                serviceAgentId,
                createdAt,
                at,
                archived,
                archiveReason,
                goldenId,
                externalIds);
    }

    public Customer withServiceAgent(String agentId, Instant at) {
        return new Customer(
                id,
                version,
                fields,
                ownerId,
                team,
                agentId,
                createdAt,
                at,
                archived,
                archiveReason,
                goldenId,
                externalIds);
    }

    public Customer withArchived(boolean nowArchived, String reason, Instant at) {
        return new Customer(
                id,
                version,
                fields,
                ownerId,
                team,
                serviceAgentId,
                createdAt,
                at,
                nowArchived,
                reason,
                goldenId,
                externalIds);
    }

    public Customer atVersion(long nextVersion, Instant at) {
        return new Customer(
                id,
                nextVersion,
                fields,
                ownerId,
                team,
                serviceAgentId,
                createdAt,
                at,
                archived,
                archiveReason,
                goldenId,
                externalIds);
    }
}

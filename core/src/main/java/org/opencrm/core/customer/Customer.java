package org.opencrm.core.customer;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.opencrm.core.access.Ownership;

/**
 * A customer as the domain sees it. Contact fields are stored normalised: phone in E.164, email
 * lower-cased. {@code team} is the owner's team, kept on the record so a team lead's list is one
 * index query.
 *
 * @param goldenId R-07's id other systems key on: assigned once at creation, never recomputed
 * @param fieldStamps per compared field ({@link FieldStamps#COMPARED}), which system set its value
 *     last and when; a field without one has not changed since the customer was created or since
 *     stamps were kept, so its last change is at most {@code updatedAt}
 * @param goldenIdClaimed whether the identity table holds {@code goldenId}'s claim; false only for
 *     a customer last written before golden ids were claimed, whose next write claims it
 */
@RecordBuilder
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
        boolean goldenIdClaimed,
        Map<String, String> externalIds,
        Map<String, SourceStamp> fieldStamps) {

    public Customer {
        externalIds = externalIds == null ? Map.of() : Map.copyOf(externalIds);
        fieldStamps = fieldStamps == null ? Map.of() : Map.copyOf(fieldStamps);
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
                false,
                Map.of(),
                Map.of());
    }

    public Customer withGoldenId(String value) {
        return toBuilder().goldenId(value).build();
    }

    /** With {@code system}'s id set, or removed when {@code externalId} is null. */
    public Customer withExternalId(String system, String externalId, Instant at) {
        Map<String, String> next = new java.util.TreeMap<>(externalIds);
        if (externalId == null) {
            next.remove(system);
        } else {
            next.put(system, externalId);
        }
        return toBuilder().updatedAt(at).externalIds(next).build();
    }

    public Ownership ownership() {
        return new Ownership(ownerId, team, fields.region(), serviceAgentId);
    }

    /** Changed here: each changed compared field is stamped {@code CRM} at {@code at}. */
    public Customer withFields(CustomerFields changed, Instant at) {
        return withFieldsFrom(changed, at, SourceStamp.crm(at));
    }

    /** Changed with values from {@code source}, e.g. another system's newer values. */
    public Customer withFieldsFrom(CustomerFields changed, Instant at, SourceStamp source) {
        return toBuilder()
                .fields(changed)
                .updatedAt(at)
                .fieldStamps(FieldStamps.after(fieldStamps, fields, changed, source))
                .build();
    }

    /** When the field last changed here or was set from elsewhere, as far as is known. */
    public SourceStamp stampOf(String field) {
        SourceStamp stamp = fieldStamps.get(field);
        return stamp != null ? stamp : SourceStamp.crm(updatedAt);
    }

    public Customer withOwner(String nextOwnerId, String nextTeam, Instant at) {
        return toBuilder().ownerId(nextOwnerId).team(nextTeam).updatedAt(at).build();
    }

    public Customer withServiceAgent(String agentId, Instant at) {
        return toBuilder().serviceAgentId(agentId).updatedAt(at).build();
    }

    public Customer withArchived(boolean nowArchived, String reason, Instant at) {
        return toBuilder().updatedAt(at).archived(nowArchived).archiveReason(reason).build();
    }

    public Customer atVersion(long nextVersion, Instant at) {
        return toBuilder().version(nextVersion).updatedAt(at).build();
    }

    /** A new customer, every component named. */
    public static CustomerBuilder builder() {
        return CustomerBuilder.builder();
    }

    /** A builder holding this record's values, to change some of them by name. */
    public CustomerBuilder toBuilder() {
        return CustomerBuilder.builder(this);
    }
}

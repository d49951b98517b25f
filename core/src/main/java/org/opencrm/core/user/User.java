package org.opencrm.core.user;

import java.time.Instant;
import java.util.Objects;
import org.opencrm.core.access.Ownership;
import org.opencrm.core.access.Role;

/**
 * A member of the org. {@code decay} and {@code capacity} feed lead assignment: the load a rep
 * carries is weighed by their decay coefficient, and no rep gets more open leads than their
 * capacity.
 *
 * @param handoverTo while a departed user's customers are being handed over, who gets them
 */
public record User(
        String id,
        long version,
        String name,
        String email,
        Role role,
        String region,
        String team,
        String managerId,
        UserStatus status,
        String statusReason,
        double decay,
        int capacity,
        String handoverTo,
        Instant createdAt,
        Instant updatedAt) {

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A new member of the org, ACTIVE, before its first write. */
    public static User newActive(String id, UserProfile profile, Instant at) {
        return new User(
                id,
                0,
                profile.name(),
                profile.email(),
                profile.role(),
                profile.region(),
                profile.team(),
                profile.managerId(),
                UserStatus.ACTIVE,
                null,
                profile.decay(),
                profile.capacity(),
                null,
                at,
                at);
    }

    public User atVersion(long nextVersion, Instant at) {
        return new User(
                id,
                nextVersion,
                name,
                email,
                role,
                region,
                team,
                managerId,
                status,
                statusReason,
                decay,
                capacity,
                handoverTo,
                createdAt,
                at);
    }

    /** A user record is "owned" by the user it describes. */
    public Ownership ownership() {
        return new Ownership(id, team, region, null);
    }

    public boolean active() {
        return status == UserStatus.ACTIVE;
    }

    public User withProfile(UserProfile profile, Instant at) {
        return new User(
                id,
                version,
                profile.name(),
                profile.email(),
                profile.role(),
                profile.region(),
                profile.team(),
                profile.managerId(),
                status,
                statusReason,
                profile.decay(),
                profile.capacity(),
                handoverTo,
                createdAt,
                at);
    }

    public User withStatus(UserStatus next, String reason, String nextHandoverTo, Instant at) {
        return new User(
                id,
                version,
                name,
                email,
                role,
                region,
                team,
                managerId,
                next,
                reason,
                decay,
                capacity,
                nextHandoverTo,
                createdAt,
                at);
    }

    public UserProfile profile() {
        return new UserProfile(name, email, role, region, team, managerId, decay, capacity);
    }
}

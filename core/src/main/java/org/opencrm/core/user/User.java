package org.opencrm.core.user;

import io.soabase.recordbuilder.core.RecordBuilder;
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
@RecordBuilder
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
        return User.builder()
                .id(id)
                .version(0)
                .name(profile.name())
                .email(profile.email())
                .role(profile.role())
                .region(profile.region())
                .team(profile.team())
                .managerId(profile.managerId())
                .status(UserStatus.ACTIVE)
                .decay(profile.decay())
                .capacity(profile.capacity())
                .createdAt(at)
                .updatedAt(at)
                .build();
    }

    public User atVersion(long nextVersion, Instant at) {
        return toBuilder().version(nextVersion).updatedAt(at).build();
    }

    /** A user record is "owned" by the user it describes. */
    public Ownership ownership() {
        return new Ownership(id, team, region, null);
    }

    public boolean active() {
        return status == UserStatus.ACTIVE;
    }

    public User withProfile(UserProfile profile, Instant at) {
        return User.builder()
                .id(id)
                .version(version)
                .name(profile.name())
                .email(profile.email())
                .role(profile.role())
                .region(profile.region())
                .team(profile.team())
                .managerId(profile.managerId())
                .status(status)
                .statusReason(statusReason)
                .decay(profile.decay())
                .capacity(profile.capacity())
                .handoverTo(handoverTo)
                .createdAt(createdAt)
                .updatedAt(at)
                .build();
    }

    public User withStatus(UserStatus next, String reason, String nextHandoverTo, Instant at) {
        return toBuilder()
                .status(next)
                .statusReason(reason)
                .handoverTo(nextHandoverTo)
                .updatedAt(at)
                .build();
    }

    public UserProfile profile() {
        return new UserProfile(name, email, role, region, team, managerId, decay, capacity);
    }

    /** A new user, every component named. */
    public static UserBuilder builder() {
        return UserBuilder.builder();
    }

    /** A builder holding this record's values, to change some of them by name. */
    public UserBuilder toBuilder() {
        return UserBuilder.builder(this);
    }
}

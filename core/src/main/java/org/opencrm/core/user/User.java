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
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this record's values, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder()
                .id(id)
                .version(version)
                .name(name)
                .email(email)
                .role(role)
                .region(region)
                .team(team)
                .managerId(managerId)
                .status(status)
                .statusReason(statusReason)
                .decay(decay)
                .capacity(capacity)
                .handoverTo(handoverTo)
                .createdAt(createdAt)
                .updatedAt(updatedAt);
    }

    /** Names every component; {@link #build()} is the one caller of the canonical constructor. */
    public static final class Builder {
        private String id;
        private long version;
        private String name;
        private String email;
        private Role role;
        private String region;
        private String team;
        private String managerId;
        private UserStatus status;
        private String statusReason;
        private double decay;
        private int capacity;
        private String handoverTo;
        private Instant createdAt;
        private Instant updatedAt;

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

        public Builder email(String value) {
            this.email = value;
            return this;
        }

        public Builder role(Role value) {
            this.role = value;
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

        public Builder managerId(String value) {
            this.managerId = value;
            return this;
        }

        public Builder status(UserStatus value) {
            this.status = value;
            return this;
        }

        public Builder statusReason(String value) {
            this.statusReason = value;
            return this;
        }

        public Builder decay(double value) {
            this.decay = value;
            return this;
        }

        public Builder capacity(int value) {
            this.capacity = value;
            return this;
        }

        public Builder handoverTo(String value) {
            this.handoverTo = value;
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

        public User build() {
            return new User(
                    id,
                    version,
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
                    updatedAt);
        }
    }
}

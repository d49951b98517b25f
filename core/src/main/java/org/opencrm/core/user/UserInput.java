package org.opencrm.core.user;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Raw user fields as an admin sent them. For a create, null means "not given"; for an update, null
 * means "unchanged" and an empty string clears an optional field.
 */
public record UserInput(
        String id,
        String name,
        String email,
        String role,
        String region,
        String team,
        String managerId,
        Double decay,
        Integer capacity) {

    /** The names of the fields this input writes, for the field matrix. */
    public Set<String> writtenFields() {
        Set<String> written = new LinkedHashSet<>();
        addIf(written, "id", id);
        addIf(written, "name", name);
        addIf(written, "email", email);
        addIf(written, "role", role);
        addIf(written, "region", region);
        addIf(written, "team", team);
        addIf(written, "managerId", managerId);
        addIf(written, "decay", decay);
        addIf(written, "capacity", capacity);
        return written;
    }

    private static void addIf(Set<String> written, String field, Object value) {
        if (value != null) {
            written.add(field);
        }
    }

    /** A new input, every component named; what is left unset is not given. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this record's values, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder()
                .id(id)
                .name(name)
                .email(email)
                .role(role)
                .region(region)
                .team(team)
                .managerId(managerId)
                .decay(decay)
                .capacity(capacity);
    }

    /** Names every component; {@link #build()} is the one caller of the canonical constructor. */
    public static final class Builder {
        private String id;
        private String name;
        private String email;
        private String role;
        private String region;
        private String team;
        private String managerId;
        private Double decay;
        private Integer capacity;

        private Builder() {}

        public Builder id(String value) {
            this.id = value;
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

        public Builder role(String value) {
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

        public Builder decay(Double value) {
            this.decay = value;
            return this;
        }

        public Builder capacity(Integer value) {
            this.capacity = value;
            return this;
        }

        public UserInput build() {
            return new UserInput(id, name, email, role, region, team, managerId, decay, capacity);
        }
    }
}

package org.opencrm.core.user;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Raw user fields as an admin sent them. For a create, null means "not given"; for an update, null
 * means "unchanged" and an empty string clears an optional field.
 */
@RecordBuilder
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
    public static UserInputBuilder builder() {
        return UserInputBuilder.builder();
    }

    /** A builder holding this record's values, to change some of them by name. */
    public UserInputBuilder toBuilder() {
        return UserInputBuilder.builder(this);
    }
}

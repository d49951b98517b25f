package org.opencrm.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.access.Caller;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.WriteStamp;

/**
 * Run-time configuration use cases: read the current value, change it, list its history and
 * roll back. Every change is a new version, so every change is audited and none is lost; a rollback
 * is a change too.
 */
public final class ConfigService {

    /** The author of version 0, the built-in default. */
    public static final String DEFAULT_AUTHOR = "system:default";

    public static final int MAX_NOTE_LENGTH = 500;
    private static final String TYPE = "Configuration version";

    private final ConfigStore store;
    private final Clock clock;
    private final ConfigDefinitions definitions;

    public ConfigService(ConfigStore store, Clock clock, ConfigDefinitions definitions) {
        this.store = store;
        this.clock = clock;
        this.definitions = definitions;
    }

    /** The settings in force: the latest version's, or the default while none was set. */
    public <T extends Record> T current(ConfigDefinition<T> definition) {
        return store.latest(definition.name())
                .map(latest -> readable(definition, latest))
                .orElse(definition.defaults());
    }

    /** The latest version, or version 0 holding the default while none was set. */
    public ConfigVersion get(String name) {
        ConfigDefinition<?> definition = definitions.require(name);
        return store.latest(name).orElseGet(() -> defaultVersion(definition));
    }

    /** Newest first; the built-in default (version 0) is not a stored version and is not listed. */
    public Page<ConfigVersion> history(String name, PageRequest page) {
        definitions.require(name);
        return store.history(name, page);
    }

    /**
     * Writes {@code value} as the next version. Settings left out keep their default; the stored
     * value holds them all. Refused with a version conflict when {@code expectedVersion} is not the
     * latest (0 while never set), including when another change lands first.
     */
    public ConfigVersion set(
            String name, long expectedVersion, JsonNode value, String note, Caller caller) {
        ConfigDefinition<?> definition = definitions.require(name);
        List<FieldProblem> problems = new ArrayList<>(noteProblems(note, true));
        if (expectedVersion < 0) {
            problems.add(
                    new FieldProblem(
                            "expectedVersion",
                            "min",
                            "must be 0 or more, got " + expectedVersion,
                            0));
        }
        JsonNode checked = checked(definition, value, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        long current = latestVersion(name);
        if (current != expectedVersion) {
            throw new VersionConflictException(name, expectedVersion, current);
        }
        return write(name, current + 1, checked, note.strip(), null, caller);
    }

    /**
     * Writes the value of {@code toVersion} as the next version, noting where it came from; the
     * versions in between stay in the history. The note defaults to "rollback to version N".
     */
    public ConfigVersion rollback(String name, long toVersion, String note, Caller caller) {
        ConfigDefinition<?> definition = definitions.require(name);
        List<FieldProblem> noteProblems = noteProblems(note, false);
        if (!noteProblems.isEmpty()) {
            throw new ValidationException(noteProblems);
        }
        ConfigVersion target =
                store.find(name, toVersion)
                        .orElseThrow(() -> new NotFoundException(TYPE, name + "/" + toVersion));
        long current = latestVersion(name);
        if (current == toVersion) {
            throw new ValidationException(
                    new FieldProblem(
                            "version",
                            "notCurrent",
                            "version " + toVersion + " of " + name + " is already current",
                            current));
        }
        JsonNode value = restorable(definition, target);
        String why =
                note == null || note.isBlank() ? "rollback to version " + toVersion : note.strip();
        return write(name, current + 1, value, why, toVersion, caller);
    }

    private ConfigVersion write(
            String name,
            long version,
            JsonNode value,
            String note,
            Long rolledBackFrom,
            Caller caller) {
        Instant now = clock.instant();
        ConfigVersion next =
                new ConfigVersion(name, version, value, caller.userId(), now, note, rolledBackFrom);
        return store.insert(next, WriteStamp.of(caller, now));
    }

    private long latestVersion(String name) {
        return store.latest(name).map(ConfigVersion::version).orElse(0L);
    }

    private static ConfigVersion defaultVersion(ConfigDefinition<?> definition) {
        return new ConfigVersion(
                definition.name(),
                0,
                definition.defaultValue(),
                DEFAULT_AUTHOR,
                Instant.EPOCH,
                "built-in default",
                null);
    }

    /** The complete value when {@code value} is valid, else null with its problems added. */
    private static JsonNode checked(
            ConfigDefinition<?> definition, JsonNode value, List<FieldProblem> problems) {
        try {
            return canonical(definition, value);
        } catch (ValidationException invalid) {
            problems.addAll(invalid.problems());
            return null;
        }
    }

    private static <T extends Record> JsonNode canonical(
            ConfigDefinition<T> definition, JsonNode value) {
        return definition.toJson(definition.parse(value));
    }

    /**
     * The old value, complete. The definition may have changed since it was written, and a value
     * that no longer fits must not become current.
     */
    private static JsonNode restorable(ConfigDefinition<?> definition, ConfigVersion target) {
        try {
            return canonical(definition, target.value());
        } catch (ValidationException noLongerFits) {
            throw new ValidationException(
                    new FieldProblem(
                            "version",
                            "fitsDefinition",
                            "version "
                                    + target.version()
                                    + " of "
                                    + target.name()
                                    + " no longer fits its definition: "
                                    + noLongerFits.getMessage(),
                            null));
        }
    }

    private static <T extends Record> T readable(
            ConfigDefinition<T> definition, ConfigVersion stored) {
        try {
            return definition.parse(stored.value());
        } catch (ValidationException noLongerFits) {
            // a stored value was valid when written: only a changed definition gets here, a
            // deploy-time mistake
            throw new IllegalStateException(
                    "configuration "
                            + stored.name()
                            + " version "
                            + stored.version()
                            + " no longer fits its definition: "
                            + noLongerFits.getMessage(),
                    noLongerFits);
        }
    }

    private static List<FieldProblem> noteProblems(String note, boolean required) {
        if (note == null || note.isBlank()) {
            return required
                    ? List.of(
                            FieldProblem.of(
                                    "note", "required", "must say why the configuration changes"))
                    : List.of();
        }
        String stripped = note.strip();
        if (stripped.length() > MAX_NOTE_LENGTH) {
            return List.of(FieldProblem.tooLong("note", MAX_NOTE_LENGTH, stripped.length()));
        }
        return List.of();
    }
}

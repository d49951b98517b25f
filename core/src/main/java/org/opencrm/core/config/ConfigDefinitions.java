package org.opencrm.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

/** Every configuration the system knows, by name: nothing else can be set. */
public final class ConfigDefinitions {

    private final Map<String, ConfigDefinition<?>> byName = new LinkedHashMap<>();

    /**
     * The domain modules' definitions are registered by the composition root, so this package
     * depends on none of them.
     */
    public ConfigDefinitions(List<ConfigDefinition<?>> definitions) {
        for (ConfigDefinition<?> definition : definitions) {
            if (byName.putIfAbsent(definition.name(), definition) != null) {
                throw new IllegalArgumentException(
                        "configuration " + definition.name() + " is defined twice");
            }
        }
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public Optional<ConfigDefinition<?>> find(String name) {
        return Optional.ofNullable(name).map(byName::get);
    }

    /**
     * The definition of {@code name}; an unknown name is the caller's mistake, reported on {@code
     * name}.
     */
    public ConfigDefinition<?> require(String name) {
        return find(name)
                .orElseThrow(
                        () ->
                                new ValidationException(
                                        new FieldProblem(
                                                "name",
                                                "knownConfiguration",
                                                "must be one of: "
                                                        + String.join(", ", names())
                                                        + ", got "
                                                        + name,
                                                names())));
    }
}

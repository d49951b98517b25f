package org.opencrm.core.access;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencrm.core.error.NotFoundException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The declarative access policy of {@code access/policy.yaml}: row scopes per type and role, which
 * roles may call each root field, and the field matrix. Loaded once per container; immutable, so
 * every request shares it.
 */
public final class AccessPolicy {

    public static final String RESOURCE = "access/policy.yaml";
    private static final String ANY = "ANY";
    private static final AccessPolicy STANDARD = load(RESOURCE);

    private record RoleScopes(Scope read, Scope write) {}

    private record FieldRule(Set<Role> readers, Set<Role> writers) {}

    private final Map<String, Map<Role, RoleScopes>> scopes;
    private final Map<String, String> pools;
    private final Map<String, Map<String, Set<Role>>> operations;
    private final Map<String, Map<String, FieldRule>> fields;

    private AccessPolicy(
            Map<String, Map<Role, RoleScopes>> scopes,
            Map<String, String> pools,
            Map<String, Map<String, Set<Role>>> operations,
            Map<String, Map<String, FieldRule>> fields) {
        this.scopes = scopes;
        this.pools = pools;
        this.operations = operations;
        this.fields = fields;
    }

    public static AccessPolicy standard() {
        return STANDARD;
    }

    // ---------------------------------------------------------------- row scope

    public Scope readScope(String type, Role role) {
        return roleScopes(type, role).read();
    }

    public Scope writeScope(String type, Role role) {
        return roleScopes(type, role).write();
    }

    /**
     * Whether the caller may read the record. A record nobody owns of a type with a pool is read
     * under the pool's scopes ({@code pools} in the policy): a team lead works the region's pool
     * without reaching other teams' owned records.
     */
    public boolean mayRead(String type, Caller caller, Ownership record) {
        return record.within(readScope(scopeTypeOf(type, record), caller.role()), caller);
    }

    /** Whether the caller may read an unowned record of {@code type} waiting in this region. */
    public boolean mayReadPool(String type, String region, Caller caller) {
        return mayRead(type, caller, new Ownership(null, null, region, null));
    }

    /** The entry whose scopes govern this record: its pool's while nobody owns it. */
    private String scopeTypeOf(String type, Ownership record) {
        String pool = pools.get(type);
        return pool != null && record.ownerId() == null ? pool : type;
    }

    /**
     * Throws unless the caller may change the record: NOT_FOUND when it cannot even see it (no
     * existence leak), FORBIDDEN when it can see but not change it.
     */
    public void requireWrite(
            String type, String id, Caller caller, Ownership record, String operation) {
        if (!mayRead(type, caller, record)) {
            throw new NotFoundException(type, id);
        }
        Scope write = writeScope(scopeTypeOf(type, record), caller.role());
        if (!record.within(write, caller)) {
            throw new ForbiddenException(
                    operation,
                    caller.role()
                            + " "
                            + caller.userId()
                            + " may read but not change "
                            + type
                            + " "
                            + id
                            + " (write scope "
                            + write
                            + ")");
        }
    }

    // ---------------------------------------------------------------- operations

    public Set<String> operations(String rootType) {
        return operations.getOrDefault(rootType, Map.of()).keySet();
    }

    public boolean mayCall(String rootType, String field, Role role) {
        Set<Role> allowed = operations.getOrDefault(rootType, Map.of()).get(field);
        return allowed != null && allowed.contains(role);
    }

    // ---------------------------------------------------------------- field matrix

    public Set<String> matrixTypes() {
        return fields.keySet();
    }

    public Set<String> matrixFields(String type) {
        return fields.getOrDefault(type, Map.of()).keySet();
    }

    public boolean mayReadField(String type, String field, Role role) {
        return fieldRule(type, field).readers().contains(role);
    }

    /** True when some role may not read the field. */
    public boolean isReadRestricted(String type, String field) {
        return fieldRule(type, field).readers().size() < Role.values().length;
    }

    public boolean mayWriteField(String type, String field, Role role) {
        return fieldRule(type, field).writers().contains(role);
    }

    /** Refuses the whole write when it names any field the role may not write. */
    public void requireWritableFields(String type, Role role, Collection<String> written) {
        List<String> refused =
                written.stream()
                        .filter(field -> !mayWriteField(type, field, role))
                        .sorted()
                        .toList();
        if (!refused.isEmpty()) {
            throw new ForbiddenFieldException(type, role, refused);
        }
    }

    private RoleScopes roleScopes(String type, Role role) {
        RoleScopes found = scopes.getOrDefault(type, Map.of()).get(role);
        if (found == null) {
            throw new IllegalStateException(
                    RESOURCE + " has no scope for " + type + " and " + role);
        }
        return found;
    }

    private FieldRule fieldRule(String type, String field) {
        FieldRule rule = fields.getOrDefault(type, Map.of()).get(field);
        if (rule == null) {
            throw new IllegalStateException(
                    RESOURCE + " has no field rule for " + type + "." + field);
        }
        return rule;
    }

    // ---------------------------------------------------------------- loading

    static AccessPolicy load(String resource) {
        Map<String, Object> root = readYaml(resource);
        Map<String, Map<Role, RoleScopes>> scopes = new LinkedHashMap<>();
        section(root, "scopes")
                .forEach((type, byRole) -> scopes.put(type, roleScopes(type, map(byRole, type))));
        Map<String, String> pools = pools(root.get("pools"), scopes.keySet());
        Map<String, Map<String, Set<Role>>> operations = new LinkedHashMap<>();
        section(root, "operations")
                .forEach(
                        (rootType, byField) -> {
                            Map<String, Set<Role>> allowed = new LinkedHashMap<>();
                            map(byField, rootType)
                                    .forEach(
                                            (field, roles) ->
                                                    allowed.put(
                                                            field,
                                                            roles(roles, rootType + "." + field)));
                            operations.put(rootType, Map.copyOf(allowed));
                        });
        Map<String, Map<String, FieldRule>> fields = new LinkedHashMap<>();
        section(root, "fields")
                .forEach(
                        (type, byField) -> {
                            Map<String, FieldRule> rules = new LinkedHashMap<>();
                            map(byField, type)
                                    .forEach(
                                            (field, rule) ->
                                                    rules.put(
                                                            field,
                                                            fieldRule(
                                                                    map(rule, type + "." + field),
                                                                    type + "." + field)));
                            fields.put(type, Map.copyOf(rules));
                        });
        return new AccessPolicy(
                Map.copyOf(scopes), pools, Map.copyOf(operations), Map.copyOf(fields));
    }

    /** {@code pools}: type → the scopes entry that governs its unowned records; optional. */
    private static Map<String, String> pools(Object section, Set<String> scoped) {
        if (section == null) {
            return Map.of();
        }
        Map<String, String> pools = new LinkedHashMap<>();
        map(section, "pools").forEach((type, pool) -> pools.put(type, String.valueOf(pool)));
        pools.forEach(
                (type, pool) -> {
                    if (!scoped.contains(type) || !scoped.contains(pool)) {
                        throw new IllegalStateException(
                                RESOURCE
                                        + ": pools."
                                        + type
                                        + " needs scopes for both "
                                        + type
                                        + " and "
                                        + pool);
                    }
                });
        return Map.copyOf(pools);
    }

    private static Map<Role, RoleScopes> roleScopes(String type, Map<String, Object> byRole) {
        Map<Role, RoleScopes> result = new EnumMap<>(Role.class);
        byRole.forEach(
                (roleName, scopes) -> {
                    Map<String, Object> pair = map(scopes, type + "." + roleName);
                    result.put(
                            role(roleName, type),
                            new RoleScopes(
                                    scope(pair.get("read"), type), scope(pair.get("write"), type)));
                });
        for (Role role : Role.values()) {
            if (!result.containsKey(role)) {
                throw new IllegalStateException(
                        RESOURCE + ": scopes." + type + " has no entry for " + role);
            }
        }
        return result;
    }

    private static FieldRule fieldRule(Map<String, Object> rule, String where) {
        return new FieldRule(
                roles(rule.get("read"), where + ".read"),
                roles(rule.get("write"), where + ".write"));
    }

    private static Set<Role> roles(Object listed, String where) {
        if (!(listed instanceof List<?> names)) {
            throw new IllegalStateException(RESOURCE + ": " + where + " must be a list of roles");
        }
        if (names.contains(ANY)) {
            return Set.copyOf(EnumSet.allOf(Role.class));
        }
        List<Role> roles = new ArrayList<>();
        names.forEach(name -> roles.add(role(String.valueOf(name), where)));
        return Set.copyOf(roles);
    }

    private static Role role(String name, String where) {
        return Role.parse(name)
                .filter(role -> role.name().equals(name))
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        RESOURCE + ": " + where + " names unknown role " + name));
    }

    private static Scope scope(Object name, String where) {
        return Optional.ofNullable(name)
                .map(String::valueOf)
                .flatMap(
                        value ->
                                Arrays.stream(Scope.values())
                                        .filter(scope -> scope.name().equals(value))
                                        .findFirst())
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        RESOURCE + ": " + where + " names unknown scope " + name));
    }

    private static Map<String, Map<String, Object>> section(Map<String, Object> root, String name) {
        Map<String, Map<String, Object>> section = new LinkedHashMap<>();
        map(root.get(name), name)
                .forEach((key, value) -> section.put(key, map(value, name + "." + key)));
        return section;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String where) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalStateException(RESOURCE + ": " + where + " must be a mapping");
        }
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> readYaml(String resource) {
        LoaderOptions options = new LoaderOptions();
        // the role groups are anchors used once per line of the matrix
        options.setMaxAliasesForCollections(1_000);
        try (InputStream in = AccessPolicy.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("access policy missing from the jar: " + resource);
            }
            return new Yaml(options).load(in);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}

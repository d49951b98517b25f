package org.opencrm.graphql.config;

import static org.opencrm.graphql.RequestContext.caller;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.scalars.object.JsonScalar;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLScalarType;
import graphql.schema.idl.RuntimeWiring;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.config.ConfigVersion;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.graphql.Inputs;
import org.opencrm.graphql.relay.Connections;

/** Binds config.graphqls to the run-time configuration use cases. */
public final class ConfigWiring {

    /**
     * config.graphqls's {@code JSON}: arguments arrive as maps, lists and primitives, and leave the
     * same way. The scalar itself rather than {@code ExtendedScalars.Json}: that class's
     * initialiser builds every scalar of the library, on a cold start's schema build.
     */
    public static final GraphQLScalarType JSON_SCALAR = JsonScalar.INSTANCE;

    private final ConfigService config;

    public ConfigWiring(ConfigService config) {
        this.config = config;
    }

    public void register(RuntimeWiring.Builder wiring) {
        wiring.scalar(JSON_SCALAR);
        wiring.type(
                "Query",
                type ->
                        type.dataFetcher("configuration", this::queryConfiguration)
                                .dataFetcher(
                                        "configurationHistory", this::queryConfigurationHistory));
        wiring.type(
                "Mutation",
                type ->
                        type.dataFetcher("setConfiguration", this::mutationSetConfiguration)
                                .dataFetcher("rollbackConfig", this::mutationRollbackConfig));
        wiring.type("ConfigVersion", type -> type.dataFetcher("value", ConfigWiring::versionValue));
    }

    private ConfigVersion queryConfiguration(DataFetchingEnvironment env) {
        return config.get(env.getArgument("name"));
    }

    private Object queryConfigurationHistory(DataFetchingEnvironment env) {
        PageRequest page = PageRequest.of(env.getArgument("first"), env.getArgument("after"));
        return Connections.of(config.history(env.getArgument("name"), page));
    }

    private ConfigVersion mutationSetConfiguration(DataFetchingEnvironment env) {
        Integer expectedVersion = env.getArgument("expectedVersion");
        JsonNode value = Inputs.tree(env.getArgument("value"));
        return config.set(
                env.getArgument("name"),
                expectedVersion.longValue(),
                value,
                env.getArgument("note"),
                caller(env));
    }

    private ConfigVersion mutationRollbackConfig(DataFetchingEnvironment env) {
        Integer version = env.getArgument("version");
        return config.rollback(
                env.getArgument("name"), version.longValue(), env.getArgument("note"), caller(env));
    }

    /**
     * The value as plain maps and lists, which the JSON scalar and the HTTP layer both write as
     * they are.
     */
    private static Object versionValue(DataFetchingEnvironment env) {
        ConfigVersion version = env.getSource();
        return Inputs.plain(version.value());
    }
}

package org.opencrm.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Role;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestOrg;
import org.opencrm.graphql.http.GraphqlHttpEndpoint;
import org.opencrm.graphql.http.HttpRequest;
import org.opencrm.graphql.http.HttpResponse;

/** The real schema and services over the embedded engine, driven with real query strings. */
final class GraphqlFixture {

    static final ObjectMapper JSON = new ObjectMapper();

    final LocalDynamo dynamo = LocalDynamo.shared();
    final CoreServices services;
    final GraphqlHttpEndpoint endpoint;

    GraphqlFixture() {
        this(LocalDynamo.shared().tables());
    }

    GraphqlFixture(TableNames tables) {
        this(tables, RuntimeEnvironment.current());
    }

    /** With the environment outbound AWS calls (S3 presigning, SNS) read. */
    GraphqlFixture(RuntimeEnvironment environment) {
        this(LocalDynamo.shared().tables(), environment);
    }

    private GraphqlFixture(TableNames tables, RuntimeEnvironment environment) {
        this.services =
                CoreServices.build(
                        dynamo.client(),
                        tables,
                        Clock.systemUTC(),
                        Duration.ZERO,
                        LocalDynamo.demoSecrets(),
                        environment);
        this.endpoint =
                new GraphqlHttpEndpoint(
                        CrmGraphql.build(services, "dev"), services.users()::authenticate);
    }

    /** Claims of a user who exists in the org (created here), as the authorizer would pass them. */
    Map<String, String> claims(String userId, String role, String region) {
        String team = region + "-a";
        TestOrg.ensure(services, userId, Role.valueOf(role), region, team);
        return Map.of(
                "sub", userId, "custom:role", role, "custom:region", region, "custom:team", team);
    }

    Map<String, String> freshRep() {
        return claims("rep-" + UUID.randomUUID(), "SALES_REP", "east");
    }

    HttpResponse post(String body, Map<String, String> claims, Map<String, String> headers) {
        return endpoint.handle(
                new HttpRequest(headers, body, claims, "req-" + UUID.randomUUID(), "203.0.113.9"));
    }

    JsonNode run(Map<String, String> claims, String query, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        try {
            HttpResponse response = post(JSON.writeValueAsString(body), claims, Map.of());
            if (response.status() != 200) {
                throw new AssertionError("HTTP " + response.status() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (java.io.IOException impossible) {
            throw new AssertionError(impossible);
        }
    }
}

package org.opencrm.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
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
        this(tables, environment, "dev");
    }

    private GraphqlFixture(
            TableNames tables, RuntimeEnvironment environment, String environmentName) {
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
                        CrmGraphql.build(services, environmentName),
                        services.users()::authenticate);
    }

    /** The API as a stage other than dev answers (prod: no introspection). */
    static GraphqlFixture inEnvironment(String environmentName) {
        return new GraphqlFixture(
                LocalDynamo.shared().tables(), RuntimeEnvironment.current(), environmentName);
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

    /** A POST as clients send it: application/json unless the headers name another type. */
    HttpResponse post(String body, Map<String, String> claims, Map<String, String> headers) {
        Map<String, String> withType = new LinkedHashMap<>();
        withType.put("content-type", "application/json");
        headers.forEach((name, value) -> withType.put(name.toLowerCase(Locale.ROOT), value));
        return send("POST", withType, body, claims);
    }

    /** Exactly this request: no headers added. */
    HttpResponse send(
            String method, Map<String, String> headers, String body, Map<String, String> claims) {
        return endpoint.handle(
                new HttpRequest(
                        headers, body, claims, "req-" + UUID.randomUUID(), "203.0.113.9", method));
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

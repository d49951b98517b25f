package org.opencrm.infra.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.opencrm.core.CoreServices;
import org.opencrm.core.guard.ApiProtection;
import org.opencrm.core.idempotency.Idempotency;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.secrets.FileSecretSource;
import org.opencrm.core.time.AppClock;
import org.opencrm.graphql.CrmGraphql;
import org.opencrm.graphql.http.GraphqlHttpEndpoint;
import org.opencrm.graphql.http.HttpRequest;
import org.opencrm.graphql.http.HttpResponse;
import org.opencrm.graphql.http.RequestGuards;
import org.opencrm.infra.auth.DemoOrg;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What issue 18's guards add to a request: the request budget's conditional write, an
 * Idempotency-Key's claim and kept answer, and the endpoint with and without its guards, against
 * DynamoDB Local in server mode (the same HTTP hop to the engine as a bare {@code GetItem}).
 *
 * <pre>
 * java -cp infra/target/crm-local.jar org.opencrm.infra.bench.LimitsBench [samples]
 * </pre>
 *
 * Default 2000 samples per figure. Run from the project root. Exits by itself when done.
 */
public final class LimitsBench {

    private static final String QUERY = "{\"query\":\"{ environment }\"}";

    private LimitsBench() {}

    public static void main(String[] args) {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        BenchExit.afterClosing(() -> BenchHandler.withEngine(engine -> run(engine, samples)));
    }

    private static void run(BenchHandler.Engine engine, int samples) {
        // the services as the API function builds them, over the client of its factory
        CoreServices core =
                CoreServices.build(
                        engine.dynamo(),
                        engine.tables(),
                        AppClock.SHARED,
                        Duration.ofSeconds(5),
                        FileSecretSource.load(
                                Path.of(
                                        RuntimeEnvironment.current()
                                                .require(RuntimeEnvironment.SECRETS_FILE))));
        ApiProtection protection = core.protection();
        CrmGraphql graphql = CrmGraphql.build(core, "dev");
        GraphqlHttpEndpoint bare = new GraphqlHttpEndpoint(graphql, core.users()::authenticate);
        GraphqlHttpEndpoint guarded =
                new GraphqlHttpEndpoint(
                        graphql,
                        core.users()::authenticate,
                        RequestGuards.over(protection, false, "dev"));
        Map<String, String> admin = Map.of("sub", DemoOrg.ADMIN.id(), "custom:role", "ADMIN");
        String benchUser = "bench-" + UUID.randomUUID();
        AtomicLong keys = new AtomicLong();
        Idempotency.Answer answer = new Idempotency.Answer(200, "{\"data\":{\"done\":true}}");
        protection
                .idempotency()
                .onceForUser(benchUser, "replayed", "fp", () -> Idempotency.Result.kept(answer));

        double[] calls =
                ApiBench.p50Interleaved(
                        samples,
                        () ->
                                engine.dynamo()
                                        .getItem(
                                                request ->
                                                        request.tableName(engine.tables().users())
                                                                .key(
                                                                        Map.of(
                                                                                "id",
                                                                                AttributeValue
                                                                                        .fromS(
                                                                                                DemoOrg
                                                                                                        .ADMIN
                                                                                                        .id())))),
                        () -> {
                            protection.budgets().admitUser(benchUser);
                            return null;
                        },
                        () ->
                                protection
                                        .idempotency()
                                        .onceForUser(
                                                benchUser,
                                                "key-" + keys.incrementAndGet(),
                                                "fp",
                                                () -> Idempotency.Result.kept(answer)),
                        () ->
                                protection
                                        .idempotency()
                                        .onceForUser(
                                                benchUser,
                                                "replayed",
                                                "fp",
                                                () -> Idempotency.Result.kept(answer)));
        double[] endpoints =
                ApiBench.p50Interleaved(
                        samples,
                        () -> ok(bare.handle(request(admin))),
                        () -> ok(guarded.handle(request(admin))));

        System.out.println();
        System.out.printf("bare GetItem                              p50 %.3f ms%n", calls[0]);
        System.out.printf("request budget (one conditional Update)   p50 %.3f ms%n", calls[1]);
        System.out.printf("Idempotency-Key, first (claim + keep)     p50 %.3f ms%n", calls[2]);
        System.out.printf("Idempotency-Key, repeat (replayed)        p50 %.3f ms%n", calls[3]);
        System.out.printf("endpoint { environment }, no guards       p50 %.3f ms%n", endpoints[0]);
        System.out.printf("endpoint { environment }, guards          p50 %.3f ms%n", endpoints[1]);
        System.out.printf(
                "added by the guards to a query            p50 %.3f ms%n",
                endpoints[1] - endpoints[0]);
    }

    private static HttpRequest request(Map<String, String> claims) {
        return new HttpRequest(
                Map.of("content-type", "application/json"),
                QUERY,
                claims,
                UUID.randomUUID().toString(),
                "127.0.0.1");
    }

    private static HttpResponse ok(HttpResponse response) {
        if (response.status() != 200) {
            throw new IllegalStateException("bench request failed: " + response.body());
        }
        return response;
    }
}

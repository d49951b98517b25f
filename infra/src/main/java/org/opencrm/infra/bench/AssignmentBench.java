package org.opencrm.infra.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.lead.LeadFields;
import org.opencrm.core.leadwork.AssignmentEngine;
import org.opencrm.core.leadwork.AssignmentSettings;
import org.opencrm.core.store.Keys;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserInput;
import org.opencrm.core.user.UserStatus;
import org.opencrm.infra.LocalCloud;
import org.opencrm.infra.LocalCloudOptions;
import org.opencrm.infra.auth.DemoOrg;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Assignment throughput with N leads and M reps (defaults 10,000 and 500):
 *
 * <ol>
 *   <li>the engine alone: {@code AssignmentEngine.decide} over M reps, loads growing as leads are
 *       handed out;
 *   <li>end to end in the local cloud: the leads are taken in through intake, the leads stream
 *       feeds the real reactor function, and the clock stops when no lead is NEW.
 * </ol>
 *
 * <pre>java -Xmx4g -cp infra/target/crm-local.jar org.opencrm.infra.bench.AssignmentBench 10000 500
 * </pre>
 */
public final class AssignmentBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "bench";

    private AssignmentBench() {}

    public static void main(String[] args) throws Exception {
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        engineAlone(leads, reps);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (LocalCloud cloud =
                LocalCloud.start(
                        LocalCloudOptions.forTests(Path.of("template.yaml").toAbsolutePath()),
                        quiet)) {
            throughTheStream(cloud, leads, reps);
        }
        System.exit(0);
    }

    private static void engineAlone(int leads, int reps) {
        Instant now = Instant.now();
        List<User> users = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < reps; i++) {
            users.add(
                    User.builder()
                            .id("rep-" + i)
                            .version(1)
                            .name("Rep " + i)
                            .role(Role.SALES_REP)
                            .region(REGION)
                            .team("t")
                            .status(UserStatus.ACTIVE)
                            .decay(0.8 + random.nextDouble() * 0.2)
                            .capacity(leads)
                            .createdAt(now)
                            .updatedAt(now)
                            .build());
        }
        Map<String, Long> loads = new HashMap<>();
        AssignmentSettings settings = AssignmentSettings.DEFINITION.defaults();
        long started = System.nanoTime();
        for (int i = 0; i < leads; i++) {
            List<AssignmentEngine.Rep> candidates =
                    users.stream()
                            .map(
                                    user ->
                                            new AssignmentEngine.Rep(
                                                    user, loads.getOrDefault(user.id(), 0L)))
                            .toList();
            LeadFields fields =
                    LeadFields.builder()
                            .name("L" + i)
                            .phone("+86139" + (10_000_000 + i))
                            .region(REGION)
                            .budget(BigDecimal.valueOf(random.nextInt(1_000_000)))
                            .interactions30d(random.nextInt(5))
                            .build();
            String owner =
                    AssignmentEngine.decide(
                                    new AssignmentEngine.LeadFacts(
                                            i % 2 == 0 ? "website" : "douyin",
                                            fields,
                                            1.0,
                                            Set.of()),
                                    candidates,
                                    settings)
                            .ownerId();
            loads.merge(owner, 1L, Long::sum);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "engine alone: %d decisions over %d reps in %.2f s = %.0f decisions/s%n",
                leads, reps, seconds, leads / seconds);
    }

    private static void throughTheStream(LocalCloud cloud, int leads, int reps) throws Exception {
        CoreServices services = cloud.services();
        Caller admin = DemoOrg.ADMIN.caller("bench");
        for (int i = 0; i < reps; i++) {
            services.users()
                    .create(
                            UserInput.builder()
                                    .id("bench-rep-" + i)
                                    .name("Bench Rep " + i)
                                    .role("SALES_REP")
                                    .region(REGION)
                                    .team("bench")
                                    .decay(0.8 + (i % 20) / 100.0)
                                    .capacity(leads)
                                    .build(),
                            admin);
        }
        long started = System.nanoTime();
        for (int from = 0; from < leads; from += 500) {
            List<JsonNode> records = new ArrayList<>();
            for (int i = from; i < Math.min(leads, from + 500); i++) {
                records.add(
                        JSON.valueToTree(
                                Map.of(
                                        "tel",
                                        "139" + (20_000_000 + i),
                                        "city",
                                        REGION,
                                        "budget",
                                        400_000 + i)));
            }
            services.intake().ingest("website", records, admin);
        }
        double ingested = (System.nanoTime() - started) / 1e9;
        System.out.printf("  %d leads taken in after %.1f s%n", leads, ingested);
        long waiting;
        do {
            Thread.sleep(2_000);
            waiting = count(cloud, "NEW");
            System.out.printf(
                    "  %6.1f s  %d still NEW%n", (System.nanoTime() - started) / 1e9, waiting);
        } while (waiting > 0);
        double seconds = (System.nanoTime() - started) / 1e9;
        long assigned = count(cloud, "ASSIGNED");
        long pooled = count(cloud, "UNASSIGNED");
        if (pooled > 0) {
            var sample =
                    services.assignments()
                            .unassigned(
                                    REGION, org.opencrm.core.paging.PageRequest.of(1, null), admin);
            System.out.printf(
                    "  %d UNASSIGNED, e.g. %s%n",
                    pooled,
                    sample.entries().isEmpty()
                            ? "?"
                            : sample.entries().get(0).item().work().assignment());
        }
        System.out.printf(
                "through the stream: %d leads, %d reps: all assigned (%d ASSIGNED) %.1f s after the first intake"
                        + " = %.0f decisions/s end to end%n",
                leads, reps, assigned, seconds, leads / seconds);
    }

    /** Leads in a status: a COUNT query on each shard of byStatus. */
    private static long count(LocalCloud cloud, String status) {
        long total = 0;
        for (String shard : Keys.leadStatusShards(status)) {
            // a COUNT query still pages at 1 MB: follow it to the end
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                var page =
                        cloud.dynamo()
                                .query(
                                        query ->
                                                query.tableName(cloud.tableName("LeadsTable"))
                                                        .indexName("byStatus")
                                                        .keyConditionExpression("statusKey = :k")
                                                        .expressionAttributeValues(
                                                                Map.of(
                                                                        ":k",
                                                                        AttributeValue.fromS(
                                                                                shard)))
                                                        .select(Select.COUNT)
                                                        .exclusiveStartKey(from));
                total += page.count();
                start =
                        page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                                ? page.lastEvaluatedKey()
                                : null;
            } while (start != null);
        }
        return total;
    }
}

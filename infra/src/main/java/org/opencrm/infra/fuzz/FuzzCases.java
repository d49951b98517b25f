package org.opencrm.infra.fuzz;

import graphql.introspection.IntrospectionQuery;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.opencrm.core.signing.WebhookSignature;
import org.opencrm.core.time.AppClock;
import org.opencrm.infra.auth.DemoOrg.DemoUser;
import org.opencrm.infra.auth.DevTokens;
import org.opencrm.infra.fuzz.GraphqlCases.Call;
import org.opencrm.infra.fuzz.GraphqlCases.Mode;
import org.opencrm.infra.fuzz.GraphqlCases.RootField;

/**
 * The fuzzer's requests, all decided from one seed before the first is sent: GraphQL calls of every
 * root field of the served schema (in turn, so each is called), and around them what a scanner or a
 * broken client sends: malformed JSON, batches, deep nesting, alias and directive floods, odd
 * documents, wrong content types and methods, missing and forged tokens, webhooks (signed and not)
 * with hostile records, charts with hostile parameters, and objects put under the bucket's upload
 * prefix that no upload declared.
 */
public final class FuzzCases {

    private static final String JSON = "application/json";
    private static final String GRAPHQL = "/graphql";

    /** The families and their shares of a run, in percent. */
    private static final List<Map.Entry<String, Integer>> KINDS =
            List.of(
                    Map.entry("graphql", 60),
                    Map.entry("malformed", 5),
                    Map.entry("batch", 2),
                    Map.entry("depth", 3),
                    Map.entry("aliases", 2),
                    Map.entry("directives", 2),
                    Map.entry("document", 3),
                    Map.entry("transport", 4),
                    Map.entry("auth", 5),
                    Map.entry("webhook", 8),
                    Map.entry("chart", 4),
                    Map.entry("upload", 2));

    private final FuzzValues values;
    private final GraphqlCases graphql;
    private final FuzzTargets targets;
    private final List<RootField> roots;
    private final GraphQLObjectType queryType;
    private final UploadUrls uploads;
    private final DevTokens expiredTokens;
    private final DevTokens tokens;
    private int nextRoot;

    private FuzzCases(long seed, GraphQLSchema schema, FuzzTargets targets) {
        this.values = new FuzzValues(new Random(seed));
        this.graphql = new GraphqlCases(schema, values, targets);
        this.targets = targets;
        this.roots = graphql.rootFields();
        this.queryType = schema.getQueryType();
        this.uploads = new UploadUrls(targets.s3Endpoint(), targets.bucket());
        this.tokens = DevTokens.fromEnvironment(AppClock.SHARED);
        this.expiredTokens =
                DevTokens.fromEnvironment(
                        Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    /**
     * {@code count} requests from {@code seed}: the same seed, schema and targets, the same run.
     */
    public static List<FuzzRequest> generate(
            long seed, int count, GraphQLSchema schema, FuzzTargets targets) {
        FuzzCases cases = new FuzzCases(seed, schema, targets);
        List<FuzzRequest> requests = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            requests.add(cases.next(index));
        }
        return requests;
    }

    /** The schema's root fields that take an id: what a by-id test goes over. */
    public static List<String> byIdFields(GraphQLSchema schema) {
        return new GraphqlCases(schema, new FuzzValues(new Random(0)), null)
                .byIdFields().stream()
                        .map(root -> root.operation() + " " + root.field().getName())
                        .toList();
    }

    private FuzzRequest next(int index) {
        String kind = kind();
        return switch (kind) {
            case "graphql" -> fieldCall(index);
            case "malformed" -> malformed(index);
            case "batch" -> batch(index);
            case "depth" -> depth(index);
            case "aliases" -> aliases(index);
            case "directives" -> directives(index);
            case "document" -> document(index);
            case "transport" -> transport(index);
            case "auth" -> auth(index);
            case "webhook" -> webhook(index);
            case "chart" -> chart(index);
            default -> upload(index);
        };
    }

    private String kind() {
        int roll = values.random().nextInt(100);
        for (Map.Entry<String, Integer> kind : KINDS) {
            roll -= kind.getValue();
            if (roll < 0) {
                return kind.getKey();
            }
        }
        return KINDS.get(0).getKey();
    }

    // ------------------------------------------------------------------ GraphQL calls

    private FuzzRequest fieldCall(int index) {
        RootField root = roots.get(nextRoot++ % roots.size());
        int roll = values.random().nextInt(10);
        Mode mode = roll < 3 ? Mode.PLAUSIBLE : roll < 8 ? Mode.ONE_HOSTILE : Mode.CHAOS;
        Call call = graphql.call(root, mode);
        String token = values.chance(0.85) ? targets.adminToken() : targets.repToken();
        return post(index, "graphql", call.label(), token, body(call.query(), call.variables()));
    }

    private static Map<String, Object> body(String query, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        if (!variables.isEmpty()) {
            body.put("variables", variables);
        }
        return body;
    }

    private FuzzRequest post(int index, String kind, String label, String token, Object body) {
        return new FuzzRequest(
                index,
                kind,
                label,
                "POST",
                GRAPHQL,
                Map.of("authorization", "Bearer " + token, "content-type", JSON),
                FuzzJson.bytes(body));
    }

    private FuzzRequest postRaw(int index, String kind, String label, byte[] body) {
        return new FuzzRequest(
                index,
                kind,
                label,
                "POST",
                GRAPHQL,
                Map.of("authorization", "Bearer " + targets.adminToken(), "content-type", JSON),
                body);
    }

    // ------------------------------------------------------------------ malformed bodies

    private FuzzRequest malformed(int index) {
        List<String> texts =
                List.of(
                        "",
                        "{",
                        "{\"query\":",
                        "null",
                        "[]",
                        "\"text\"",
                        "42",
                        "true",
                        "{\"query\": 5}",
                        "{\"query\": null}",
                        "{\"query\": \"\"}",
                        "{\"query\": [\"{ environment }\"]}",
                        "{\"query\": {\"a\": 1}}",
                        "{\"query\":\"{ environment }\",\"variables\":\"x\"}",
                        "{\"query\":\"{ environment }\",\"variables\":[1]}",
                        "{\"query\":\"{ environment }\",\"operationName\":5}",
                        "{\"query\":\"{ environment }\",\"operationName\":\"Nope\"}",
                        "{\"query\":\"{ environment }\",\"extensions\":\"x\"}",
                        "{\"query\":\"{ environment }\",\"extensions\":{\"persistedQuery\":"
                                + "{\"version\":1,\"sha256Hash\":\"abc\"}}}",
                        "{\"query\":\"{ environment }\",\"variables\":{\"a\":1e999999}}",
                        "{\"query\":\"{ environment }\",\"query\":\"mutation { x }\"}",
                        "{\"query\":\"{ environment }\"} trailing",
                        "/* comment */ {\"query\":\"{ environment }\"}",
                        "{'query':'{ environment }'}",
                        "{\"query\":\"{ environment }\",\"variables\":{\"x\":\"\\ud800\"}}",
                        "{\"query\":\"{ customer(id: \\\"\\ud800\\\") { id } }\"}",
                        "{\"query\":\"{ environment }\",\"variables\":{\"x\":\"\\u0000\"}}",
                        "\uFEFF{\"query\":\"{ environment }\"}",
                        "{\"query\":\"\\u0000{ environment }\"}");
        int choice = values.random().nextInt(texts.size() + 5);
        if (choice < texts.size()) {
            String text = texts.get(choice);
            return postRaw(index, "malformed", "body " + abbreviate(text), utf8(text));
        }
        return switch (choice - texts.size()) {
            case 0 -> postRaw(index, "malformed", "invalid UTF-8", invalidUtf8());
            case 1 -> postRaw(index, "malformed", "NUL bytes", withNulBytes());
            case 2 ->
                    postRaw(
                            index,
                            "malformed",
                            "deep JSON",
                            utf8(
                                    "{\"query\":\"{ environment }\",\"variables\":{\"a\":"
                                            + deepArray(values.between(500, 5_000))
                                            + "}}"));
            case 3 ->
                    postRaw(
                            index,
                            "malformed",
                            "wide variables",
                            FuzzJson.bytes(body("{ environment }", wideVariables())));
            default ->
                    postRaw(
                            index,
                            "malformed",
                            "padding",
                            utf8(" ".repeat(values.between(10_000, 300_000)) + "{}"));
        };
    }

    private static String deepArray(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private Map<String, Object> wideVariables() {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (int i = 0; i < values.between(1_000, 5_000); i++) {
            variables.put("v" + i, i);
        }
        return variables;
    }

    private static byte[] invalidUtf8() {
        byte[] start = utf8("{\"query\":\"{ customer(id: \\\"");
        byte[] end = utf8("\\\") { id } }\"}");
        byte[] body = new byte[start.length + 4 + end.length];
        System.arraycopy(start, 0, body, 0, start.length);
        body[start.length] = (byte) 0xC3;
        body[start.length + 1] = (byte) 0x28;
        body[start.length + 2] = (byte) 0xFF;
        body[start.length + 3] = (byte) 0xED;
        System.arraycopy(end, 0, body, start.length + 4, end.length);
        return body;
    }

    private static byte[] withNulBytes() {
        byte[] body = utf8("{\"query\":\"{ environment }\"}  ");
        body[body.length - 1] = 0;
        body[body.length - 2] = 0;
        return body;
    }

    // ------------------------------------------------------------------ batches

    private FuzzRequest batch(int index) {
        int size = values.between(0, 100);
        List<Object> operations = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            operations.add(
                    values.chance(0.8)
                            ? Map.of("query", "{ environment }")
                            : values.chance(0.5) ? List.of() : "x");
        }
        return post(index, "batch", "batch of " + size, targets.adminToken(), operations);
    }

    // ------------------------------------------------------------------ depth

    private FuzzRequest depth(int index) {
        int shape = values.random().nextInt(4);
        if (shape == 0) {
            int depth = values.between(50, 3_000);
            String query = "{".repeat(depth) + " environment " + "}".repeat(depth);
            return post(
                    index, "depth", "braces " + depth, targets.adminToken(), body(query, Map.of()));
        }
        if (shape == 1) {
            int depth = values.between(10, 60);
            String query =
                    "{ __schema { types { "
                            + "fields { type { ".repeat(1)
                            + "ofType { ".repeat(depth)
                            + "name"
                            + " }".repeat(depth)
                            + " } } } } }";
            return post(
                    index,
                    "depth",
                    "introspection " + depth,
                    targets.adminToken(),
                    body(query, Map.of()));
        }
        if (shape == 2) {
            String query =
                    "query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }";
            return post(
                    index, "depth", "fragment cycle", targets.adminToken(), body(query, Map.of()));
        }
        String query = schemaWalk(values.between(10, 40));
        return post(index, "depth", "schema walk", targets.adminToken(), body(query, Map.of()));
    }

    /** A query as deep as the schema lets it go, by object fields without required arguments. */
    private String schemaWalk(int depth) {
        StringBuilder open = new StringBuilder("{ ");
        int opened = 0;
        GraphQLObjectType type = queryType;
        for (int level = 0; level < depth && type != null; level++) {
            List<GraphQLFieldDefinition> next =
                    type.getFieldDefinitions().stream()
                            .filter(field -> noRequiredArguments(field))
                            .filter(
                                    field ->
                                            GraphQLTypeUtil.unwrapAll(field.getType())
                                                    instanceof GraphQLObjectType)
                            .toList();
            if (next.isEmpty()) {
                break;
            }
            GraphQLFieldDefinition field = values.pick(next);
            open.append(field.getName()).append(" { __typename ");
            opened++;
            type = (GraphQLObjectType) GraphQLTypeUtil.unwrapAll(field.getType());
        }
        return open.append(" }".repeat(opened)).append(" }").toString();
    }

    private static boolean noRequiredArguments(GraphQLFieldDefinition field) {
        return field.getArguments().stream()
                .noneMatch(argument -> argument.getType() instanceof GraphQLNonNull);
    }

    // ------------------------------------------------------------------ floods

    private FuzzRequest aliases(int index) {
        boolean stored = values.chance(0.4);
        // each stored alias is a read: enough of them to matter, few enough to keep the run fast
        int count = stored ? values.between(10, 40) : values.between(100, 1_000);
        StringBuilder query = new StringBuilder("{ ");
        for (int i = 0; i < count; i++) {
            query.append('a').append(i).append(": ");
            query.append(
                    stored
                            ? "customer(id: "
                                    + GraphqlLiterals.quoted(values.id(targets.ids()))
                                    + ") { id }"
                            : "environment");
            query.append(' ');
        }
        return post(
                index,
                "aliases",
                count + (stored ? " stored" : " plain") + " aliases",
                targets.adminToken(),
                body(query.append('}').toString(), Map.of()));
    }

    private FuzzRequest directives(int index) {
        int count = values.between(50, 500);
        String directive =
                values.pick(
                        List.of(
                                "@include(if: true)",
                                "@skip(if: false)",
                                "@unknown",
                                "@deprecated"));
        String query = "{ environment " + (directive + " ").repeat(count) + "}";
        return post(
                index,
                "directives",
                count + " × " + directive,
                targets.adminToken(),
                body(query, Map.of()));
    }

    // ------------------------------------------------------------------ odd documents

    private FuzzRequest document(int index) {
        List<String> queries =
                List.of(
                        "query A { environment } query B { environment }",
                        "subscription { environment }",
                        "{ __typename }",
                        IntrospectionQuery.INTROSPECTION_QUERY,
                        "{ unknownField }",
                        "{ environment(x: 1) }",
                        "{ customer { id } }",
                        "mutation { environment }",
                        "{ ...Missing }",
                        "fragment F on Nope { x } { ...F }",
                        "{ environment \"unterminated }",
                        "{ environment \u0000 }",
                        "{ " + "a".repeat(10_000) + " }",
                        "# " + "comment ".repeat(25_000) + "\n{ environment }",
                        "query("
                                + variableDefinitions(values.between(500, 3_000))
                                + ") { environment }",
                        "{ customer(id: \"x\", id: \"y\") { id } }",
                        "query($id: ID!) { customer(id: $id) { id } }",
                        "query($id: Nope) { environment }",
                        "{ customers(first: 99999999999) { edges { cursor } } }",
                        "{ customers(first: -5) { edges { cursor } } }",
                        "{ customers(after: \"" + "A".repeat(5_000) + "\") { edges { cursor } } }");
        String query = values.pick(queries);
        return post(
                index, "document", abbreviate(query), targets.adminToken(), body(query, Map.of()));
    }

    private static String variableDefinitions(int count) {
        List<String> definitions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            definitions.add("$v" + i + ": Int");
        }
        return String.join(", ", definitions);
    }

    // ------------------------------------------------------------------ transport

    private FuzzRequest transport(int index) {
        String auth = "Bearer " + targets.adminToken();
        byte[] query = FuzzJson.bytes(body("{ environment }", Map.of()));
        return switch (values.random().nextInt(16)) {
            case 0 ->
                    request(
                            index,
                            "POST",
                            GRAPHQL,
                            Map.of("authorization", auth, "content-type", "text/plain"),
                            query);
            case 1 ->
                    request(
                            index,
                            "POST",
                            GRAPHQL,
                            Map.of(
                                    "authorization",
                                    auth,
                                    "content-type",
                                    "application/x-www-form-urlencoded"),
                            utf8("query=%7B+environment+%7D"));
            case 2 ->
                    request(
                            index,
                            "POST",
                            GRAPHQL,
                            Map.of(
                                    "authorization",
                                    auth,
                                    "content-type",
                                    "multipart/form-data; boundary=x"),
                            utf8(
                                    "--x\r\nContent-Disposition: form-data; name=\"query\"\r\n\r\n{ environment }\r\n--x--"));
            case 3 ->
                    request(
                            index,
                            "POST",
                            GRAPHQL,
                            Map.of("authorization", auth, "content-type", "application/graphql"),
                            utf8("{ environment }"));
            case 4 -> request(index, "POST", GRAPHQL, Map.of("authorization", auth), query);
            case 5 ->
                    request(
                            index,
                            "POST",
                            GRAPHQL,
                            Map.of(
                                    "authorization",
                                    auth,
                                    "content-type",
                                    "application/json; charset=utf-16"),
                            "{\"query\":\"{ environment }\"}".getBytes(StandardCharsets.UTF_16));
            case 6 ->
                    request(
                            index,
                            "POST",
                            GRAPHQL,
                            Map.of("authorization", auth, "content-type", "garbage/\u00e9"),
                            query);
            case 7 ->
                    request(
                            index,
                            "GET",
                            GRAPHQL + "?query=%7B%20environment%20%7D",
                            Map.of("authorization", auth),
                            new byte[0]);
            case 8 ->
                    request(
                            index,
                            "GET",
                            GRAPHQL
                                    + "?query="
                                    + encode("mutation { markNotificationsRead(ids: []) }"),
                            Map.of("authorization", auth),
                            new byte[0]);
            case 9 ->
                    request(
                            index,
                            values.pick(List.of("PUT", "DELETE", "PATCH", "OPTIONS", "HEAD")),
                            GRAPHQL,
                            Map.of("authorization", auth, "content-type", JSON),
                            query);
            // "/" itself is the local GraphiQL page, no route of the deployed API
            case 10 ->
                    request(
                            index,
                            "GET",
                            "/x" + encode(values.hostileText()),
                            Map.of(),
                            new byte[0]);
            case 11 ->
                    request(
                            index,
                            "POST",
                            "/webhooks/leads",
                            Map.of("content-type", JSON),
                            utf8("[]"));
            case 12 ->
                    request(index, "GET", "/charts/", Map.of("authorization", auth), new byte[0]);
            case 13 ->
                    request(
                            index,
                            "POST",
                            GRAPHQL + "/extra",
                            Map.of("authorization", auth, "content-type", JSON),
                            query);
            case 14 ->
                    request(
                            index,
                            "POST",
                            GRAPHQL + "%00",
                            Map.of("authorization", auth, "content-type", JSON),
                            query);
            default ->
                    request(
                            index,
                            "POST",
                            GRAPHQL + "?" + encode(values.hostileText()),
                            Map.of("authorization", auth, "content-type", JSON),
                            query);
        };
    }

    private FuzzRequest request(
            int index, String method, String path, Map<String, String> headers, byte[] body) {
        String label =
                method
                        + " "
                        + abbreviate(path)
                        + " "
                        + headers.getOrDefault("content-type", "(no type)");
        return new FuzzRequest(index, "transport", label, method, path, headers, body);
    }

    // ------------------------------------------------------------------ auth

    private FuzzRequest auth(int index) {
        String query =
                values.chance(0.5)
                        ? "{ environment }"
                        : "{ customers(first: 1) { edges { cursor } } }";
        byte[] body = FuzzJson.bytes(body(query, Map.of()));
        String label;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", JSON);
        switch (values.random().nextInt(12)) {
            case 0 -> label = "no authorization";
            case 1 -> {
                label = "bare Bearer";
                headers.put("authorization", "Bearer");
            }
            case 2 -> {
                label = "random token";
                headers.put(
                        "authorization",
                        "Bearer " + base64Url(values.word(values.between(1, 300))));
            }
            case 3 -> {
                label = "three random parts";
                headers.put(
                        "authorization",
                        "Bearer " + base64Url("a") + "." + base64Url("b") + "." + base64Url("c"));
            }
            case 4 -> {
                label = "alg none";
                headers.put(
                        "authorization",
                        "Bearer "
                                + base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}")
                                + "."
                                + base64Url("{\"sub\":\"demo-admin\",\"custom:role\":\"ADMIN\"}")
                                + ".");
            }
            case 5 -> {
                label = "signature flipped";
                String token = targets.adminToken();
                char last = token.charAt(token.length() - 1);
                headers.put(
                        "authorization",
                        "Bearer "
                                + token.substring(0, token.length() - 1)
                                + (last == 'A' ? 'B' : 'A'));
            }
            case 6 -> {
                label = "expired";
                headers.put(
                        "authorization",
                        "Bearer " + expiredTokens.mint(user("demo-admin", "ADMIN")));
            }
            case 7 -> {
                label = "unknown user";
                headers.put("authorization", "Bearer " + tokens.mint(user(values.uuid(), "ADMIN")));
            }
            case 8 -> {
                label = "hostile subject";
                headers.put(
                        "authorization",
                        "Bearer " + tokens.mint(user(values.hostileId(), "ADMIN")));
            }
            case 9 -> {
                label = "unknown role";
                headers.put(
                        "authorization",
                        "Bearer "
                                + tokens.mint(
                                        user(
                                                "demo-admin",
                                                values.pick(List.of("GOD", "", "admin")))));
            }
            case 10 -> {
                label = "basic auth";
                headers.put("authorization", "Basic dXNlcjpwYXNz");
            }
            default -> {
                label = "huge header";
                headers.put("authorization", "Bearer " + "A".repeat(values.between(4_000, 7_000)));
            }
        }
        return new FuzzRequest(index, "auth", label, "POST", GRAPHQL, headers, body);
    }

    private static DemoUser user(String id, String role) {
        return new DemoUser(id, "Fuzz", role, Optional.empty(), Optional.empty(), Optional.empty());
    }

    // ------------------------------------------------------------------ webhooks

    private FuzzRequest webhook(int index) {
        String channel =
                values.chance(0.7)
                        ? values.pick(targets.channels())
                        : values.chance(0.5) ? values.hostileId() : values.word(8).strip() + "x";
        byte[] body = webhookBody();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(
                "content-type",
                values.chance(0.9)
                        ? JSON
                        : values.pick(List.of("text/plain", "application/octet-stream")));
        int signing = values.random().nextInt(10);
        String signed;
        if (signing < 7 && !channel.isEmpty()) {
            // signed as a real sender signs a delivery, so the case reaches intake's parsing
            String deliveryId = "fuzz-" + index;
            String timestamp = Long.toString(AppClock.SHARED.instant().getEpochSecond());
            headers.put(WebhookSignature.DELIVERY_HEADER, deliveryId);
            headers.put(WebhookSignature.TIMESTAMP_HEADER, timestamp);
            headers.put(
                    WebhookSignature.HEADER,
                    WebhookSignature.signDelivery(
                            deliveryId, timestamp, body, FuzzTargets.webhookSecret(channel)));
            signed = "signed";
        } else if (signing < 9) {
            headers.put(
                    WebhookSignature.HEADER,
                    values.pick(List.of("sha256=00", "sha256=", "md5=abc", values.word(40))));
            signed = "forged";
        } else {
            signed = "unsigned";
        }
        String path = "/webhooks/leads/" + encode(channel);
        return new FuzzRequest(
                index,
                "webhook",
                signed + " " + abbreviate(channel) + " " + body.length + " bytes",
                "POST",
                path,
                headers,
                body);
    }

    private byte[] webhookBody() {
        return switch (values.random().nextInt(9)) {
            case 0 -> utf8(values.hostileText());
            case 1 -> new byte[0];
            case 2 -> utf8(deepArray(values.between(20, 3_000)));
            case 3 -> FuzzJson.bytes(Map.of("records", records(values.between(1, 3))));
            case 4 -> FuzzJson.bytes(values.listOf(values.between(501, 700), () -> Map.of("n", 1)));
            case 5 -> FuzzJson.bytes(record());
            case 6 -> invalidUtf8();
            default -> FuzzJson.bytes(records(values.between(1, 3)));
        };
    }

    private List<Object> records(int count) {
        return values.listOf(count, this::record);
    }

    private Map<String, Object> record() {
        Map<String, Object> record = new LinkedHashMap<>();
        for (String field :
                List.of(
                        "full_name",
                        "phone_number",
                        "email",
                        "wechat",
                        "城市",
                        "budget",
                        "notes",
                        "company",
                        "身份证")) {
            if (values.chance(0.5)) {
                record.put(field, values.chance(0.5) ? values.hostileText() : values.plainText());
            }
        }
        if (values.chance(0.2)) {
            record.put(values.hostileText(), values.hostileJson());
        }
        return record;
    }

    // ------------------------------------------------------------------ charts

    private FuzzRequest chart(int index) {
        boolean link = values.chance(0.3);
        if (!link && values.chance(0.4)) {
            return plausibleChart(index);
        }
        String name =
                values.chance(0.7)
                        ? values.pick(List.of("funnel.svg", "revenue.svg"))
                        : values.hostileId();
        Map<String, String> parameters = new LinkedHashMap<>();
        List<String> names =
                link
                        ? List.of(
                                "viewer",
                                "expires",
                                "sig",
                                "from",
                                "to",
                                "region",
                                "ownerId",
                                "calibers")
                        : List.of("from", "to", "region", "ownerId", "calibers", "unknown");
        for (String parameter : names) {
            if (values.chance(0.5)) {
                parameters.put(
                        parameter,
                        values.chance(0.5) ? chartValue(parameter) : values.hostileText());
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (!link && values.chance(0.9)) {
            headers.put("authorization", "Bearer " + chartToken());
        }
        String path = (link ? "/charts/link/" : "/charts/") + encode(name);
        String label = (link ? "link " : "") + abbreviate(name) + " " + parameters.keySet();
        return chartRequest(index, label, path, parameters, headers);
    }

    /**
     * A chart a client could ask for (its required range, optional terms valid), so the fuzz run
     * reaches the drawing and not only the parameter checks.
     */
    private FuzzRequest plausibleChart(int index) {
        boolean funnel = values.chance(0.5);
        Map<String, String> parameters = new LinkedHashMap<>();
        List<String> optional = funnel ? List.of("region", "ownerId") : List.of("calibers");
        parameters.put("from", funnel ? "2026-01-01T00:00:00Z" : "2026-01");
        parameters.put("to", funnel ? "2026-06-01T00:00:00Z" : "2026-06");
        for (String parameter : optional) {
            if (values.chance(0.5)) {
                parameters.put(parameter, chartValue(parameter));
            }
        }
        String name = funnel ? "funnel.svg" : "revenue.svg";
        return chartRequest(
                index,
                "plausible " + name + " " + parameters.keySet(),
                "/charts/" + name,
                parameters,
                Map.of("authorization", "Bearer " + chartToken()));
    }

    private String chartToken() {
        return values.chance(0.7) ? targets.adminToken() : targets.repToken();
    }

    private static FuzzRequest chartRequest(
            int index,
            String label,
            String route,
            Map<String, String> parameters,
            Map<String, String> headers) {
        StringBuilder path = new StringBuilder(route);
        String separator = "?";
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            path.append(separator)
                    .append(encode(parameter.getKey()))
                    .append('=')
                    .append(encode(parameter.getValue()));
            separator = "&";
        }
        return new FuzzRequest(
                index, "chart", label, "GET", truncatePath(path.toString()), headers, new byte[0]);
    }

    private String chartValue(String parameter) {
        return switch (parameter) {
            case "from" -> values.pick(List.of("2026-01-01T00:00:00Z", "2026-01"));
            case "to" -> values.pick(List.of("2026-06-01T00:00:00Z", "2026-06"));
            case "region" -> "east";
            case "ownerId", "viewer" -> values.id(targets.ids());
            case "calibers" -> "SIGNED,COLLECTED";
            case "expires" -> String.valueOf(values.random().nextLong());
            default -> values.word(64);
        };
    }

    /** URLs stay under what any server takes in a request line (8 KB). */
    private static String truncatePath(String path) {
        if (path.length() <= 7_000) {
            return path;
        }
        int end = 7_000;
        // never cut a percent escape in two
        while (path.lastIndexOf('%', end - 1) >= end - 2) {
            end = path.lastIndexOf('%', end - 1);
        }
        return path.substring(0, end);
    }

    // ------------------------------------------------------------------ uploads

    private FuzzRequest upload(int index) {
        String purpose =
                values.pick(List.of("lead_import", "attachment", "consistency_diff", "nope"));
        String id =
                switch (values.random().nextInt(7)) {
                    case 0 -> "";
                    case 1 -> "x".repeat(values.between(257, 600));
                    case 2 -> "id with spaces";
                    case 3 -> "张伟的文件";
                    case 4 -> values.uuid() + "/nested";
                    case 5 -> "..";
                    default -> values.uuid();
                };
        byte[] body = utf8("name,phone\n" + values.plainText() + ",13800000000\n");
        String key = "uploads/" + purpose + "/" + id;
        return new FuzzRequest(
                index,
                "upload",
                "undeclared object " + abbreviate(key),
                "PUT",
                uploads.presignedPut(key, body.length),
                Map.of(),
                body);
    }

    // ------------------------------------------------------------------ helpers

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return URLEncoder.encode(FuzzJson.escapeLoneSurrogates(text), StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(text));
    }

    static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() <= 60 ? flat : flat.substring(0, 60) + "…(" + text.length() + ")";
    }
}

package org.opencrm.infra.bench;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.opencrm.infra.aws.DynamoDbLocalServer;
import org.opencrm.infra.aws.LocalAws;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Which SDK HTTP client should the deployable jar carry? Measures, in a fresh JVM, the cold cost
 * (build the client and make the first call: what a Lambda cold start pays) and the warm p50 of
 * GetItem against DynamoDB Local. Run once per client, each in its own JVM:
 *
 * <pre>java -cp infra/target/crm-local.jar org.opencrm.infra.bench.HttpClientBench url
 * java -cp infra/target/crm-local.jar org.opencrm.infra.bench.HttpClientBench crt</pre>
 */
public final class HttpClientBench {

    private HttpClientBench() {}

    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "url";
        try (DynamoDbLocalServer engine = DynamoDbLocalServer.start(Optional.empty())) {
            measure(kind, engine.endpoint());
        }
        // After the CRT client has run, a pool thread outlives DynamoDB Local's stop(); a
        // one-shot measurement ends here regardless.
        System.exit(0);
    }

    private static void measure(String kind, URI endpoint) {
        long coldStart = System.nanoTime();
        DynamoDbClient dynamo =
                DynamoDbClient.builder()
                        .httpClient(client(kind))
                        .endpointOverride(endpoint)
                        .region(Region.of(LocalAws.REGION))
                        .credentialsProvider(LocalAws.credentials())
                        .build();
        dynamo.createTable(
                b ->
                        b.tableName("bench-http")
                                .billingMode(BillingMode.PAY_PER_REQUEST)
                                .attributeDefinitions(
                                        d ->
                                                d.attributeName("id")
                                                        .attributeType(ScalarAttributeType.S))
                                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
        double coldMs = (System.nanoTime() - coldStart) / 1_000_000.0;
        Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS("k"));
        dynamo.putItem(b -> b.tableName("bench-http").item(key));
        int samples = 3_000;
        for (int i = 0; i < samples; i++) {
            dynamo.getItem(b -> b.tableName("bench-http").key(key));
        }
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            dynamo.getItem(b -> b.tableName("bench-http").key(key));
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(
                "%s: cold (build client + first call) %.0f ms, warm GetItem p50 %.3f ms%n",
                kind, coldMs, nanos[samples / 2] / 1_000_000.0);
        dynamo.close();
    }

    private static SdkHttpClient client(String kind) {
        return "crt".equals(kind)
                ? AwsCrtHttpClient.builder().build()
                : UrlConnectionHttpClient.builder().build();
    }
}

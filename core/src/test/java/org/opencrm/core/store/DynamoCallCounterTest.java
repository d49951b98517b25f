package org.opencrm.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A real SDK client whose endpoint refuses connections: the interceptor runs before the HTTP
 * attempt, so every call is counted without a server, and nothing leaves loopback.
 */
class DynamoCallCounterTest {

    private static final DynamoDbClient CLIENT =
            DynamoDbClient.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .endpointOverride(URI.create("http://127.0.0.1:1"))
                    .region(Region.CN_NORTH_1)
                    .credentialsProvider(
                            StaticCredentialsProvider.create(
                                    AwsBasicCredentials.create("local", "local")))
                    .overrideConfiguration(
                            o ->
                                    o.retryStrategy(RetryMode.STANDARD)
                                            .addExecutionInterceptor(DynamoCallCounter.INSTANCE))
                    .build();

    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

    @AfterAll
    static void close() {
        POOL.shutdownNow();
        CLIENT.close();
    }

    @Test
    void span_countsEachCallOnce_evenWhenTheSdkRetriesIt() {
        DynamoCallCounter.Span span = DynamoCallCounter.start();

        describeTable();
        describeTable();

        assertEquals(2, span.calls());
    }

    @Test
    void workOnAPool_countsTowardTheCaller_whenRunOnItsBehalf() {
        DynamoCallCounter.Span span = DynamoCallCounter.start();

        CompletableFuture.supplyAsync(DynamoCallCounter.onBehalfOfCaller(this::describeTable), POOL)
                .join();
        CompletableFuture.supplyAsync(DynamoCallCounter.onBehalfOfCaller(this::describeTable), POOL)
                .join();

        assertEquals(2, span.calls());
    }

    @Test
    void workOnAPool_isNotTheCallersCost_whenNotRunOnItsBehalf() {
        DynamoCallCounter.Span span = DynamoCallCounter.start();

        CompletableFuture.supplyAsync(this::describeTable, POOL).join();

        assertEquals(0, span.calls());
    }

    private boolean describeTable() {
        try {
            CLIENT.describeTable(request -> request.tableName("counted"));
            return true;
        } catch (SdkClientException refused) {
            return false;
        }
    }
}

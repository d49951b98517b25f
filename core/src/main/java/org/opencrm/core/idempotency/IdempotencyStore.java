package org.opencrm.core.idempotency;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.store.WriteRetry;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Claims and answers by idempotency key, in the counters table: a claim is one conditional {@code
 * PutItem} that succeeds only where no live claim is (none, expired, or a running one abandoned
 * past {@code staleBefore}); a failed claim hands back the claim in the way. The answer is kept
 * gzipped (JSON shrinks about tenfold), well inside DynamoDB's 400 KB item limit.
 */
public final class IdempotencyStore {

    /** Compressed answers above this are not kept (the item limit is 400 KB). */
    static final int MAX_KEPT_BYTES = 350_000;

    private static final String KEY = "counterKey";
    private static final String RUNNING = "RUNNING";
    private static final String DONE = "DONE";

    private final DynamoDbClient dynamo;
    private final String table;

    public IdempotencyStore(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.counters();
    }

    /**
     * A claim as stored.
     *
     * @param answer the first request's answer once it is done, else empty
     */
    public record Claim(
            String fingerprint, Instant startedAt, Optional<Idempotency.Answer> answer) {
        public boolean done() {
            return answer.isPresent();
        }
    }

    /**
     * Claims {@code key} for a run; empty when claimed, else the live claim in the way.
     *
     * @param staleBefore a running claim started before this was abandoned (its function timed out)
     */
    public Optional<Claim> claim(
            String key,
            String fingerprint,
            String claimId,
            Instant now,
            Instant staleBefore,
            Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY, AttributeValue.fromS(key));
        item.put("state", AttributeValue.fromS(RUNNING));
        item.put("fingerprint", AttributeValue.fromS(fingerprint));
        item.put("claimId", AttributeValue.fromS(claimId));
        item.put("startedAt", number(now.toEpochMilli()));
        item.put("expiresAt", number(expiresAt.getEpochSecond()));
        try {
            dynamo.putItem(
                    request ->
                            request.tableName(table)
                                    .item(item)
                                    // TTL deletes "within days": an expired claim is gone to us
                                    .conditionExpression(
                                            "attribute_not_exists(counterKey) OR expiresAt < :now"
                                                    + " OR (#state = :running AND startedAt < :stale)")
                                    .expressionAttributeNames(Map.of("#state", "state"))
                                    .expressionAttributeValues(
                                            Map.of(
                                                    ":now", number(now.getEpochSecond()),
                                                    ":running", AttributeValue.fromS(RUNNING),
                                                    ":stale", number(staleBefore.toEpochMilli())))
                                    .returnValuesOnConditionCheckFailure(
                                            ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Optional.empty();
        } catch (ConditionalCheckFailedException held) {
            return held.hasItem() && !held.item().isEmpty()
                    ? Optional.of(claimOf(held.item()))
                    : find(key).or(() -> Optional.of(vanished(fingerprint, now)));
        }
    }

    /**
     * Keeps the answer of the run that holds {@code claimId}; false if its claim was taken over.
     */
    public boolean complete(
            String key, String claimId, Idempotency.Answer answer, Instant expiresAt) {
        byte[] body = gzip(answer.body());
        if (body.length > MAX_KEPT_BYTES) {
            body = gzip(Idempotency.tooLargeToKeep(answer));
        }
        Map<String, AttributeValue> values =
                Map.of(
                        ":done", AttributeValue.fromS(DONE),
                        ":status", number(answer.status()),
                        ":body", AttributeValue.fromB(SdkBytes.fromByteArray(body)),
                        ":expires", number(expiresAt.getEpochSecond()),
                        ":mine", AttributeValue.fromS(claimId));
        try {
            WriteRetry.standard()
                    .run(
                            () ->
                                    dynamo.updateItem(
                                            request ->
                                                    request.tableName(table)
                                                            .key(
                                                                    Map.of(
                                                                            KEY,
                                                                            AttributeValue.fromS(
                                                                                    key)))
                                                            .updateExpression(
                                                                    "SET #state = :done, #status = :status,"
                                                                            + " body = :body, expiresAt = :expires")
                                                            .conditionExpression("claimId = :mine")
                                                            .expressionAttributeNames(
                                                                    Map.of(
                                                                            "#state", "state",
                                                                            "#status", "status"))
                                                            .expressionAttributeValues(values)));
            return true;
        } catch (ConditionalCheckFailedException takenOver) {
            return false;
        }
    }

    /** Gives the key up, so a retry runs afresh; only the claim's own run may. */
    public void release(String key, String claimId) {
        try {
            WriteRetry.standard()
                    .run(
                            () ->
                                    dynamo.deleteItem(
                                            request ->
                                                    request.tableName(table)
                                                            .key(
                                                                    Map.of(
                                                                            KEY,
                                                                            AttributeValue.fromS(
                                                                                    key)))
                                                            .conditionExpression("claimId = :mine")
                                                            .expressionAttributeValues(
                                                                    Map.of(
                                                                            ":mine",
                                                                            AttributeValue.fromS(
                                                                                    claimId)))));
        } catch (ConditionalCheckFailedException takenOver) {
            // another run holds it now: it is theirs to keep or give up
        }
    }

    public Optional<Claim> find(String key) {
        Map<String, AttributeValue> item =
                dynamo.getItem(
                                request ->
                                        request.tableName(table)
                                                .key(Map.of(KEY, AttributeValue.fromS(key)))
                                                .consistentRead(true))
                        .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(claimOf(item));
    }

    /** Released between the refused claim and the read: as good as running, try again. */
    private static Claim vanished(String fingerprint, Instant now) {
        return new Claim(fingerprint, now, Optional.empty());
    }

    private static Claim claimOf(Map<String, AttributeValue> item) {
        Optional<Idempotency.Answer> answer =
                DONE.equals(item.get("state").s())
                        ? Optional.of(
                                new Idempotency.Answer(
                                        Integer.parseInt(item.get("status").n()),
                                        gunzip(item.get("body").b().asByteArray())))
                        : Optional.empty();
        return new Claim(
                item.get("fingerprint").s(),
                Instant.ofEpochMilli(Long.parseLong(item.get("startedAt").n())),
                answer);
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    private static String gunzip(byte[] compressed) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException corrupt) {
            throw new UncheckedIOException(corrupt);
        }
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}

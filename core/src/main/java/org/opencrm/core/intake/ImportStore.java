package org.opencrm.core.intake;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.store.BatchRetry;
import org.opencrm.core.store.CancellationReasons;
import org.opencrm.core.store.ConflictRetry;
import org.opencrm.core.store.ItemTables;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** Import jobs and their chunks in the intake table. */
public final class ImportStore {

    private static final int BATCH = 25;

    private final DynamoDbClient dynamo;
    private final DynamoDbEnhancedClient enhanced;
    private final String tableName;
    private final Supplier<DynamoDbTable<ImportJobItem>> jobs;
    private final Supplier<DynamoDbTable<ImportChunkItem>> chunks;

    public ImportStore(DynamoDbClient dynamo, DynamoDbEnhancedClient enhanced, TableNames tables) {
        this.dynamo = dynamo;
        this.enhanced = enhanced;
        this.tableName = tables.intake();
        this.jobs = ItemTables.lazy(enhanced, tables.intake(), ImportJobItem.class);
        this.chunks = ItemTables.lazy(enhanced, tables.intake(), ImportChunkItem.class);
    }

    /**
     * The job first, then its chunks: a chunk never arrives on the stream before its job exists.
     */
    public void create(LeadImport job, List<ImportChunkItem> parts, WriteStamp stamp) {
        jobs.get()
                .putItem(
                        PutItemEnhancedRequest.builder(ImportJobItem.class)
                                .item(ImportJobItem.from(job, stamp))
                                .conditionExpression(ItemTables.NEW_ID)
                                .build());
        addChunks(parts);
    }

    /**
     * Creates the job alone, unless a job with its id exists.
     *
     * @return false when it existed (the same import started before)
     */
    public boolean createIfAbsent(LeadImport job, WriteStamp stamp) {
        try {
            create(job, List.of(), stamp);
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    /**
     * Adds chunks to a job created before (a streamed import writes them as it reads); at most 25
     * at a time, the BatchWriteItem limit.
     */
    private void addChunks(List<ImportChunkItem> parts) {
        for (int from = 0; from < parts.size(); from += BATCH) {
            writeAll(parts.subList(from, Math.min(parts.size(), from + BATCH)));
        }
    }

    /**
     * Writes a chunk unless one with its id exists: a streamed import queued again after a crash
     * neither repeats a chunk's INSERT nor resets a chunk already counted.
     */
    public void addChunkIfAbsent(ImportChunkItem chunk) {
        try {
            chunks.get()
                    .putItem(
                            PutItemEnhancedRequest.builder(ImportChunkItem.class)
                                    .item(chunk)
                                    .conditionExpression(ItemTables.NEW_ID)
                                    .build());
        } catch (ConditionalCheckFailedException exists) {
            // queued by an earlier start of the same import
        }
    }

    /** Turns a RUNNING job FAILED with the problem; a job no longer RUNNING is left as it is. */
    public void failRunning(String importId, FieldProblem problem, Instant at) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder set = new StringBuilder("SET ");
        setValue(
                set,
                names,
                values,
                "status",
                AttributeValue.fromS(LeadImport.ImportStatus.FAILED.name()));
        setValue(set, names, values, "finishedAt", AttributeValue.fromS(at.toString()));
        setValue(set, names, values, "failureField", AttributeValue.fromS(problem.field()));
        setValue(set, names, values, "failureRule", AttributeValue.fromS(problem.rule()));
        setValue(set, names, values, "failureMessage", AttributeValue.fromS(problem.message()));
        if (problem.limit() instanceof Number limit) {
            setValue(set, names, values, "failureLimit", number(limit.longValue()));
        }
        values.put(":running", AttributeValue.fromS(LeadImport.ImportStatus.RUNNING.name()));
        try {
            dynamo.updateItem(
                    request ->
                            request.tableName(tableName)
                                    .key(Map.of("id", AttributeValue.fromS(importId)))
                                    .updateExpression(set.toString())
                                    .conditionExpression("#status = :running")
                                    .expressionAttributeNames(names)
                                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException notRunning) {
            // DONE or FAILED already: its outcome stands
        }
    }

    private static void setValue(
            StringBuilder set,
            Map<String, String> names,
            Map<String, AttributeValue> values,
            String attribute,
            AttributeValue value) {
        if (!names.isEmpty()) {
            set.append(", ");
        }
        set.append('#').append(attribute).append(" = :").append(attribute);
        names.put("#" + attribute, attribute);
        values.put(":" + attribute, value);
    }

    public Optional<LeadImport> find(String id) {
        return ItemTables.latest(jobs.get(), id)
                .filter(found -> ImportJobItem.KIND.equals(found.getKind()))
                .map(ImportJobItem::toImport);
    }

    public Optional<ImportChunkItem> chunk(String id) {
        return ItemTables.latest(chunks.get(), id);
    }

    /**
     * Marks the chunk DONE and adds its tally to the job, in one transaction conditional on the
     * chunk still being PENDING: a chunk processed twice is counted once.
     *
     * @return false when the chunk was already done
     */
    public boolean completeChunk(
            ImportChunkItem chunk, long accepted, long merged, long quarantined, Instant at) {
        Update markDone =
                Update.builder()
                        .tableName(tableName)
                        .key(Map.of("id", AttributeValue.fromS(chunk.getId())))
                        .updateExpression("SET #status = :done")
                        .conditionExpression("#status = :pending")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(
                                Map.of(
                                        ":done",
                                        AttributeValue.fromS(ImportChunkItem.DONE),
                                        ":pending",
                                        AttributeValue.fromS(ImportChunkItem.PENDING)))
                        .build();
        Update tally =
                Update.builder()
                        .tableName(tableName)
                        .key(Map.of("id", AttributeValue.fromS(chunk.getImportId())))
                        .updateExpression(
                                "ADD #processed :processed, #accepted :accepted, #merged :merged, "
                                        + "#quarantined :quarantined, #chunksDone :one SET #updatedAt = :at")
                        // several of these names are DynamoDB reserved words
                        .expressionAttributeNames(
                                Map.of(
                                        "#processed",
                                        "processed",
                                        "#accepted",
                                        "accepted",
                                        "#merged",
                                        "merged",
                                        "#quarantined",
                                        "quarantined",
                                        "#chunksDone",
                                        "chunksDone",
                                        "#updatedAt",
                                        "updatedAt"))
                        .expressionAttributeValues(
                                Map.of(
                                        ":processed", number(accepted + merged + quarantined),
                                        ":accepted", number(accepted),
                                        ":merged", number(merged),
                                        ":quarantined", number(quarantined),
                                        ":one", number(1),
                                        ":at", AttributeValue.fromS(at.toString())))
                        .build();
        // chunks finishing at once all add to the one job item: a conflict is retried, not a
        // failure
        try {
            return ConflictRetry.standard()
                    .run(
                            attempt -> {
                                dynamo.transactWriteItems(
                                        request ->
                                                request.transactItems(
                                                        TransactWriteItem.builder()
                                                                .update(markDone)
                                                                .build(),
                                                        TransactWriteItem.builder()
                                                                .update(tally)
                                                                .build()));
                                return true;
                            });
        } catch (TransactionCanceledException cancelled) {
            if (CancellationReasons.of(cancelled).conditionFailedAt(0)) {
                // the chunk is DONE already: an earlier delivery counted it
                return false;
            }
            throw cancelled;
        }
    }

    /** DONE once every chunk is counted; idempotent. */
    public void finishIfComplete(String importId, Instant at) {
        try {
            dynamo.updateItem(
                    request ->
                            request.tableName(tableName)
                                    .key(Map.of("id", AttributeValue.fromS(importId)))
                                    .updateExpression("SET #status = :done, #finishedAt = :at")
                                    .conditionExpression(
                                            "#chunksDone = #chunks AND #status = :running")
                                    .expressionAttributeNames(
                                            Map.of(
                                                    "#status",
                                                    "status",
                                                    "#finishedAt",
                                                    "finishedAt",
                                                    "#chunksDone",
                                                    "chunksDone",
                                                    "#chunks",
                                                    "chunks"))
                                    .expressionAttributeValues(
                                            Map.of(
                                                    ":done",
                                                            AttributeValue.fromS(
                                                                    LeadImport.ImportStatus.DONE
                                                                            .name()),
                                                    ":running",
                                                            AttributeValue.fromS(
                                                                    LeadImport.ImportStatus.RUNNING
                                                                            .name()),
                                                    ":at", AttributeValue.fromS(at.toString()))));
        } catch (ConditionalCheckFailedException notYet) {
            // chunks still to come, or finished by an earlier delivery
        }
    }

    private void writeAll(List<ImportChunkItem> batch) {
        BatchRetry.standard().sendAll(batch, this::writeOnce);
    }

    /** One BatchWriteItem; returns the chunks DynamoDB left unprocessed. */
    private List<ImportChunkItem> writeOnce(List<ImportChunkItem> batch) {
        WriteBatch.Builder<ImportChunkItem> write =
                WriteBatch.builder(ImportChunkItem.class).mappedTableResource(chunks.get());
        batch.forEach(write::addPutItem);
        BatchWriteResult result =
                enhanced.batchWriteItem(
                        BatchWriteItemEnhancedRequest.builder()
                                .writeBatches(write.build())
                                .build());
        return result.unprocessedPutItemsForTable(chunks.get());
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}

package org.opencrm.core.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.opencrm.core.contract.FactKind;
import org.opencrm.core.contract.MoneyFact;
import org.opencrm.core.contract.MoneyFactBuilder;
import org.opencrm.core.contract.MoneyFactItem;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.TableNames;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Money facts written straight into the contracts table as the contracts code writes them: real
 * {@link MoneyFactItem}s, each put once on the condition that it is not there yet.
 */
public final class TestFacts {

    private static final Expression FIRST_WRITE =
            Expression.builder().expression("attribute_not_exists(id)").build();

    private TestFacts() {}

    /** A signing of {@code contractId} on {@code date}; its fact id is stable for the contract. */
    public static MoneyFactBuilder signing(String contractId, LocalDate date, long amountFen) {
        return MoneyFact.builder()
                .factId("signing:" + contractId)
                .contractId(contractId)
                .contractNumber("HT-" + contractId.substring(0, Math.min(8, contractId.length())))
                .kind(FactKind.SIGNING)
                .date(date)
                .amountFen(amountFen)
                .taxFen(amountFen * 13 / 113)
                .contractVersion(1)
                .recordedAt(Instant.now())
                .actorId("test-contracts");
    }

    /** The voiding of a signing: the same contract and customer, the amount taken back. */
    public static MoneyFact voiding(MoneyFact signing, LocalDate date) {
        return MoneyFact.builder()
                .factId("voiding:" + signing.contractId())
                .contractId(signing.contractId())
                .contractNumber(signing.contractNumber())
                .customerId(signing.customerId())
                .ownerId(signing.ownerId())
                .team(signing.team())
                .region(signing.region())
                .kind(FactKind.VOIDING)
                .date(date)
                .amountFen(-signing.amountFen())
                .taxFen(-signing.taxFen())
                .contractVersion(signing.contractVersion() + 1)
                .recordedAt(Instant.now())
                .actorId("test-contracts")
                .build();
    }

    /** Writes the fact once; false when it is there already (a retried request). */
    public static boolean write(
            DynamoDbEnhancedClient enhanced, TableNames tables, MoneyFact fact) {
        try {
            enhanced.table(tables.contracts(), TableSchema.fromBean(MoneyFactItem.class))
                    .putItem(
                            PutItemEnhancedRequest.builder(MoneyFactItem.class)
                                    .item(MoneyFactItem.from(fact))
                                    .conditionExpression(FIRST_WRITE)
                                    .build());
            return true;
        } catch (ConditionalCheckFailedException alreadyWritten) {
            return false;
        }
    }

    /** The contracts stream's records of these facts, as a stream function gets them. */
    public static List<Record> records(
            StreamReader streams, TableNames tables, MoneyFact... facts) {
        return Arrays.stream(facts)
                .flatMap(
                        fact ->
                                streams
                                        .recordsFor(
                                                tables.contracts(),
                                                Keys.contractFact(fact.factId()))
                                        .stream())
                .toList();
    }
}

package org.opencrm.core.anomaly;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.contract.Caliber;
import org.opencrm.core.contract.MoneyFact;
import org.opencrm.core.contract.MoneyFactItem;
import org.opencrm.core.store.ConflictRetry;
import org.opencrm.core.store.ItemTables;
import org.opencrm.core.store.LostRace;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The contracts stream's split-order watch (R-22, SplitOrderFunction). On each new signed fact (a
 * signing or a voiding) it reads the customer's signings from the fact's window on, finds the group
 * the fact's contract belongs to ({@link SplitOrderRule}) and makes sure ONE anomaly holds it:
 *
 * <ul>
 *   <li>no contract of the group claimed yet: the anomaly is raised with a claim on each contract,
 *       in one transaction; its id is derived from the customer and the group's first contract, so
 *       two evaluations of the same group write the same item and one of them loses;
 *   <li>some claimed: the contracts not claimed yet join the anomaly holding them (a fourth
 *       contract extends the group, it raises no second one);
 *   <li>all claimed (a redelivered record, the facts arriving in another order): nothing changes.
 * </ul>
 *
 * A lost race is read again and decided again ({@link ConflictRetry}). The region manager and
 * finance are told each time the group is seen, by notification ids naming the anomaly and the
 * recipient, so they hear once per group and a crash between raising and telling is completed by
 * the redelivery.
 */
public final class SplitOrderReactor {

    public static final String SYSTEM = "system:split-orders";

    private final Signings signings;
    private final GoldenCustomers golden;
    private final AnomalyStore store;
    private final SplitOrderNotices notices;
    private final ConfigService config;
    private final Clock clock;

    /** What the watch reads and writes. */
    public record Parts(
            Signings signings,
            GoldenCustomers golden,
            AnomalyStore store,
            SplitOrderNotices notices,
            ConfigService config,
            Clock clock) {}

    public SplitOrderReactor(Parts parts) {
        this.signings = parts.signings();
        this.golden = parts.golden();
        this.store = parts.store();
        this.notices = parts.notices();
        this.config = parts.config();
        this.clock = parts.clock();
    }

    public void onRecord(Record record) {
        if (record.eventName() != OperationType.INSERT || !record.dynamodb().hasNewImage()) {
            return; // facts are written once and never changed; anything else is not ours
        }
        Map<String, AttributeValue> image = record.dynamodb().newImage();
        AttributeValue kind = image.get("kind");
        if (kind == null || !MoneyFactItem.KIND.equals(kind.s())) {
            return; // a contract item
        }
        MoneyFact fact = ItemTables.schema(MoneyFactItem.class).mapToItem(image).toFact();
        if (fact.caliber() == Caliber.SIGNED) {
            watch(fact);
        }
    }

    /** The anomaly now holding the fact's group; empty when the fact's contract is in none. */
    public Optional<Anomaly> watch(MoneyFact fact) {
        SplitOrderRules rules = config.current(SplitOrderRules.DEFINITION);
        if (!rules.enabled()) {
            return Optional.empty();
        }
        GoldenCustomers.Resolved customer = golden.resolve(fact.customerId());
        Optional<Anomaly> held =
                ConflictRetry.standard().run(attempt -> settle(fact, customer, rules));
        held.ifPresent(notices::tell);
        return held;
    }

    private Optional<Anomaly> settle(
            MoneyFact fact, GoldenCustomers.Resolved customer, SplitOrderRules rules) {
        List<MoneyFact> facts =
                new ArrayList<>(
                        signings.since(
                                customer.filedUnder(),
                                fact.date().minusDays(rules.windowDays() - 1L)));
        // the index may not show the fact yet (it is eventually consistent); the record does
        facts.add(fact);
        Optional<SplitGroup> found = SplitOrderRule.groupOf(fact.contractId(), facts, rules);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SplitGroup group = found.get();
        Map<String, String> claimed = store.claimsOf(group.contractIds());
        WriteStamp stamp = new WriteStamp(SYSTEM, "fact:" + fact.factId(), null, clock.instant());
        if (claimed.isEmpty()) {
            return Optional.of(
                    store.raise(newAnomaly(customer.customerId(), group, fact, stamp), stamp));
        }
        // the contracts nobody holds yet join one anomaly holding the others: the first by id,
        // so every evaluation picks the same one
        String holder = claimed.values().stream().sorted().findFirst().orElseThrow();
        Anomaly current = store.find(holder).orElseThrow(() -> new LostRace("anomaly " + holder));
        List<SignedContract> joining =
                group.contracts().stream()
                        .filter(contract -> !claimed.containsKey(contract.contractId()))
                        .toList();
        if (joining.isEmpty()) {
            return Optional.of(current);
        }
        return Optional.of(store.extend(joined(current, joining), joining, stamp));
    }

    private static Anomaly newAnomaly(
            String customerId, SplitGroup group, MoneyFact fact, WriteStamp stamp) {
        return Anomaly.builder()
                .id(anomalyId(customerId, group.contracts().get(0).contractId()))
                .kind(AnomalyKind.SPLIT_ORDER)
                .status(AnomalyStatus.OPEN)
                .customerId(customerId)
                .region(fact.region())
                .team(fact.team())
                .ownerId(fact.ownerId())
                .contracts(group.contracts())
                .totalFen(group.totalFen())
                .windowFrom(group.from())
                .windowTo(group.to())
                .createdAt(stamp.at())
                .updatedAt(stamp.at())
                .build();
    }

    /** The same for the same customer and first contract, whichever evaluation computes it. */
    static String anomalyId(String customerId, String firstContractId) {
        String basis = AnomalyKind.SPLIT_ORDER + "#" + customerId + "#" + firstContractId;
        return UUID.nameUUIDFromBytes(basis.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Anomaly joined(Anomaly current, List<SignedContract> joining) {
        List<SignedContract> contracts = new ArrayList<>(current.contracts());
        contracts.addAll(joining);
        contracts.sort(
                Comparator.comparing(SignedContract::signedOn)
                        .thenComparing(SignedContract::contractId));
        SplitGroup group = SplitGroup.of(contracts);
        return current.toBuilder()
                .contracts(group.contracts())
                .totalFen(group.totalFen())
                .windowFrom(group.from())
                .windowTo(group.to())
                .build();
    }
}

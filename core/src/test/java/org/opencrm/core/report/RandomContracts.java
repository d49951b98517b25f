package org.opencrm.core.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.opencrm.core.contract.FactKind;
import org.opencrm.core.contract.MoneyFact;

/**
 * Seeded random contracts' money facts over three months of one year: a signing, sometimes voided;
 * partial shipments, invoices and payments, sometimes a return, a credit note or a refund. Owners,
 * teams and regions carry the run's prefix, so runs on the shared engine keep apart.
 */
final class RandomContracts {

    static final int OWNERS = 40;
    static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

    private final Random random;
    private final String run;
    private final int year;

    RandomContracts(long seed, String run, int year) {
        this.random = new Random(seed);
        this.run = run;
        this.year = year;
    }

    List<MoneyFact> facts(int contracts) {
        List<MoneyFact> facts = new ArrayList<>();
        for (int i = 0; i < contracts; i++) {
            facts.addAll(contract(i));
        }
        return facts;
    }

    private List<MoneyFact> contract(int index) {
        String contractId = run + "-c" + index;
        int owner = random.nextInt(OWNERS);
        Parts parts = new Parts(contractId, owner, new ArrayList<>());
        long amount = 100_000L + random.nextInt(20_000_000);
        LocalDate signed = LocalDate.of(year, 1, 1).plusDays(random.nextInt(80));
        parts.add(FactKind.SIGNING, signed, amount);
        if (random.nextInt(20) == 0) {
            parts.add(FactKind.VOIDING, later(signed), -amount);
            return parts.facts();
        }
        long shipped = split(parts, FactKind.SHIPMENT, signed, amount);
        if (shipped > 0 && random.nextInt(10) == 0) {
            parts.add(
                    FactKind.RETURN,
                    later(signed),
                    -(1 + random.nextInt((int) Math.min(shipped, Integer.MAX_VALUE))));
        }
        long invoiced = split(parts, FactKind.INVOICE, signed, amount);
        if (invoiced > 0 && random.nextInt(20) == 0) {
            parts.add(FactKind.CREDIT_NOTE, later(signed), -(1 + random.nextInt((int) invoiced)));
        }
        long paid = split(parts, FactKind.PAYMENT, signed, amount);
        if (paid > 0 && random.nextInt(30) == 0) {
            parts.add(FactKind.REFUND, later(signed), -(1 + random.nextInt((int) paid)));
        }
        return parts.facts();
    }

    /** Zero to three partial events adding up to at most {@code amount}; returns their sum. */
    private long split(Parts parts, FactKind kind, LocalDate after, long amount) {
        int events = random.nextInt(4);
        long left = amount;
        long total = 0;
        for (int i = 0; i < events && left > 0; i++) {
            long part = i == events - 1 ? left : 1 + (long) (random.nextDouble() * left);
            parts.add(kind, later(after), part);
            left -= part;
            total += part;
        }
        return total;
    }

    private LocalDate later(LocalDate date) {
        LocalDate later = date.plusDays(random.nextInt(40));
        LocalDate lastDay = LocalDate.of(year, 3, 31);
        return later.isAfter(lastDay) ? lastDay : later;
    }

    private final class Parts {
        private final String contractId;
        private final int owner;
        private final List<MoneyFact> facts;

        Parts(String contractId, int owner, List<MoneyFact> facts) {
            this.contractId = contractId;
            this.owner = owner;
            this.facts = facts;
        }

        void add(FactKind kind, LocalDate date, long amountFen) {
            facts.add(
                    MoneyFact.builder()
                            .factId(contractId + "-f" + facts.size())
                            .contractId(contractId)
                            .contractNumber("HT-" + contractId)
                            .customerId(run + "-cust" + random.nextInt(1000))
                            .ownerId(run + "-owner" + owner)
                            .team(run + "-team" + owner % 8)
                            .region(run + "-region" + owner % 4)
                            .kind(kind)
                            .date(date)
                            .amountFen(amountFen)
                            .taxFen(amountFen * 13 / 113)
                            .contractVersion(facts.size() + 1L)
                            .recordedAt(LONG_AGO)
                            .actorId(run + "-owner" + owner)
                            .build());
        }

        List<MoneyFact> facts() {
            return facts;
        }
    }
}

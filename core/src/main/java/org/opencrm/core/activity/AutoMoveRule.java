package org.opencrm.core.activity;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.opencrm.core.deal.Deal;
import org.opencrm.core.deal.DealStage;

/**
 * Which deal a keyword moves and when the customer's window opens again. Pure: no I/O.
 *
 * <p>With several CONTACTED deals of the customer, the one that entered CONTACTED first moves (ties
 * by id): it has waited longest for the customer to ask for a price, and the choice does not depend
 * on the order the index returns deals in.
 */
public final class AutoMoveRule {

    public static final DealStage FROM = DealStage.CONTACTED;
    public static final DealStage TO = DealStage.NEEDS_CONFIRMED;

    private AutoMoveRule() {}

    /** The deal to move among the candidates: the longest in CONTACTED; empty when none is. */
    public static Optional<Deal> target(List<Deal> candidates) {
        return candidates.stream()
                .filter(deal -> deal.stage() == FROM)
                .min(
                        Comparator.comparing((Deal deal) -> deal.progress().stageEnteredAt())
                                .thenComparing(Deal::id));
    }

    /** When a window claimed at {@code now} ends. */
    public static Instant windowEnd(Instant now, int cooldownHours) {
        return now.plus(Duration.ofHours(cooldownHours));
    }

    /**
     * Whether a window ending at {@code expiresAt} (in whole seconds, as stored) is over at {@code
     * now}: the same test the store's conditional claim makes.
     */
    public static boolean isOver(Instant expiresAt, Instant now) {
        return expiresAt.getEpochSecond() <= now.getEpochSecond();
    }
}

package org.opencrm.core.deal;

import java.time.Instant;

/**
 * One row of a deal's stage history: a move and how long the deal had been in the stage it left.
 *
 * @param from the stage left
 * @param to the stage entered
 * @param at when
 * @param actorId who moved it (the system's id for an automatic move)
 * @param source {@link #MANUAL} or {@link #AUTOMATIC}
 * @param reason the lost reason, the matched text of an automatic move, or the mover's note
 * @param secondsInStage how long the deal had been in {@code from}
 */
public record StageChange(
        DealStage from,
        DealStage to,
        Instant at,
        String actorId,
        String source,
        String reason,
        long secondsInStage) {

    public static final String MANUAL = "MANUAL";
    public static final String AUTOMATIC = "AUTOMATIC";
}

package org.opencrm.core.lead;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The owners' open-lead counts, which move in the same transaction as the lead's write: a lead's
 * owner or open/closed state never changes without its counts (implemented by leadwork's {@code
 * RepLoads}, the one place the counter items are built).
 */
public interface OpenLeadLedger {

    /**
     * The counter updates that carry the lead from {@code before} to {@code after}: none when it is
     * held by the same rep (or nobody) before and after.
     *
     * @param capacity when not null, the new holder's count must stay below it: the transaction's
     *     condition, so no rep is ever over-filled however many containers assign
     */
    List<Update> moves(Lead before, Lead after, Long capacity);
}

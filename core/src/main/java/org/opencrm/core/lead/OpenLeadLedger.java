package org.opencrm.core.lead;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The owners' open-lead counts, which move in the same transaction as the lead's write: a lead's
 * owner or open/closed state never changes without its counts (implemented by leadwork's {@code
 * RepLoads}, the one place the counter items are built).
 */
public interface OpenLeadLedger {

    /**
     * The transaction actions that carry the lead from {@code before} to {@code after}: none when
     * it is held by the same rep (or nobody) before and after.
     *
     * @param capacity when not null (the system placing the lead), the new holder's count must stay
     *     below it and the new holder must still be ACTIVE: the transaction's conditions, so no rep
     *     is ever over-filled or handed a lead after leaving however many containers assign
     */
    List<TransactWriteItem> moves(Lead before, Lead after, Long capacity);
}

package org.opencrm.core.leadwork;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.opencrm.core.counter.CounterStore;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadLifecycle;
import org.opencrm.core.lead.OpenLeadLedger;
import org.opencrm.core.store.Keys;
import org.opencrm.core.user.UserStore;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The open-lead ledger's moves: a lead counts for its owner while it is open, and every write that
 * changes the owner or closes the lead carries the counts' ADDs ({@code LOAD#<user>}, read by
 * {@link RepLoads}) in its own transaction (see {@link org.opencrm.core.lead.LeadStore}). When the
 * system places a lead, the new holder's room and ACTIVE status are that transaction's conditions.
 */
public final class LeadLedger implements OpenLeadLedger {

    private final CounterStore counters;
    private final UserStore users;

    public LeadLedger(CounterStore counters, UserStore users) {
        this.counters = counters;
        this.users = users;
    }

    @Override
    public List<TransactWriteItem> moves(Lead before, Lead after, Long capacity) {
        String from = holderOf(before);
        String to = holderOf(after);
        if (Objects.equals(from, to)) {
            return List.of();
        }
        List<TransactWriteItem> moves = new ArrayList<>();
        if (from != null) {
            moves.add(counted(from, -1, null));
        }
        if (to == null) {
            return moves;
        }
        moves.add(counted(to, 1, capacity));
        if (capacity != null) {
            moves.add(TransactWriteItem.builder().conditionCheck(users.stillActive(to)).build());
        }
        return moves;
    }

    private TransactWriteItem counted(String userId, long amount, Long capacity) {
        return TransactWriteItem.builder()
                .update(counters.additionInTransaction(Keys.repLoad(userId), amount, capacity))
                .build();
    }

    /** The rep a lead counts for: its owner while it is open, nobody once closed. */
    private static String holderOf(Lead lead) {
        return LeadLifecycle.isOpen(lead.status()) ? lead.ownerId() : null;
    }
}

package org.opencrm.core.user;

import org.opencrm.core.store.WriteStamp;

/**
 * What a user's status change does to leads, implemented by lead work: a suspended or
 * departed user's open leads leave them, and a rep who gets room drains their region's pool. Lives
 * here, beside the users, so org changes and the breaker reach it without depending on lead work.
 */
public interface UserLeads {

    /** Where a departing owner's open leads went. */
    record Handover(int toSuccessor, int reassigned, int pooled) {

        public static final Handover NONE = new Handover(0, 0, 0);

        public int total() {
            return toSuccessor + reassigned + pooled;
        }
    }

    /**
     * Moves every open lead {@code from} still owns: to {@code successor} while they have room
     * (null: nobody named), the rest through assignment (another eligible rep of the region, else
     * the region's pool with the reason). Each move is the lead's own version-checked write with
     * both owners' counts; a repeat after a crash moves only what is still theirs.
     *
     * @param stamp who asked and under which request: every lead write carries it, so the audit
     *     trail shows the moves as one operation with the status change
     */
    Handover handOver(User from, User successor, WriteStamp stamp);

    /**
     * {@code rep} may have room now (added, reinstated, capacity raised): their region's oldest
     * pooled leads are offered to assignment while someone takes them. How many were assigned.
     */
    int offerRoom(User rep);
}

package org.opencrm.core.leadwork;

import java.time.Clock;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadLifecycle;
import org.opencrm.core.lead.LeadStatus;
import org.opencrm.core.lead.LeadStore;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The leads stream's reactions: a lead that became NEW (taken in, or taken back by the SLA) is
 * assigned or pooled, a lead that left its owner (closed, reassigned by hand or handed over, taken
 * back) makes room for its region's oldest pooled lead, and every committed change tells the people
 * it concerns. Safe to see a record twice: assignment is conditional on the lead still being NEW
 * (or UNASSIGNED) and on the owner's capacity, and notifications are written once per change and
 * person.
 */
public final class LeadReactor {

    private final AssignmentService assignments;
    private final LeadNotifications notifications;
    private final Clock clock;

    public LeadReactor(
            AssignmentService assignments, LeadNotifications notifications, Clock clock) {
        this.assignments = assignments;
        this.notifications = notifications;
        this.clock = clock;
    }

    public void onRecord(Record record) {
        var change = record.dynamodb();
        Lead before = change.hasOldImage() ? LeadStore.fromImage(change.oldImage()) : null;
        Lead after = change.hasNewImage() ? LeadStore.fromImage(change.newImage()) : null;
        if (after != null
                && after.status() == LeadStatus.NEW
                && (before == null || before.status() != LeadStatus.NEW)) {
            // tell people in this same batch; the stream's copy of the change finds them
            // told
            assignments
                    .assignNew(after.id())
                    .ifPresent(done -> notifications.changed(after, done, clock.instant()));
        }
        if (freedAPlace(before, after)) {
            // the pooled lead's own stream record tells its new owner
            assignments.assignOldestPooled(after.fields().region());
        }
        notifications.changed(before, after, clock.instant());
    }

    /**
     * Whether this change took an open lead off a rep's count: it closed, or it moved away from its
     * owner. A lead closed at intake (never open) frees nothing.
     */
    static boolean freedAPlace(Lead before, Lead after) {
        if (before == null || after == null) {
            return false;
        }
        if (!LeadLifecycle.isOpen(before.status()) || before.ownerId() == null) {
            return false;
        }
        return !LeadLifecycle.isOpen(after.status()) || !before.ownerId().equals(after.ownerId());
    }
}

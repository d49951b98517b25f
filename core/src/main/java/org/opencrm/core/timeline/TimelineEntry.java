package org.opencrm.core.timeline;

import java.time.Instant;
import java.util.Objects;

/**
 * One event in a customer's story: a deal's move, something that happened to one of its leads, and
 * later activities and tickets.
 *
 * @param at when it happened; the timeline is newest first by it
 * @param kind what happened, e.g. {@code DEAL_STAGE}, {@code LEAD_CREATED}
 * @param title one line a person reads
 * @param actorId who did it (the system's id for an automatic step); null when unknown
 * @param entityId the record it happened to (a deal, a lead)
 * @param detail more words when there are any (a move's note or lost reason, changed fields)
 */
public record TimelineEntry(
        Instant at, String kind, String title, String actorId, String entityId, String detail) {

    public TimelineEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
    }
}

package org.opencrm.core.anomaly;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.RowScope;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.WriteStamp;

/**
 * Anomalies for review: listed newest first within the caller's row scope
 * (access/policy.yaml {@code Anomaly}: finance, admins and directors every one, a region manager
 * the region's, a team lead the team's), one index query a page; reviewed once with a decision and
 * a note.
 */
public final class AnomalyService {

    public static final String TYPE = "Anomaly";
    static final int NOTE_MAX = 1_000;

    private final AnomalyStore store;
    private final AccessPolicy policy;
    private final Clock clock;

    public AnomalyService(AnomalyStore store, AccessPolicy policy, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * The anomalies of a kind the caller may read, newest first.
     *
     * @param kind null lists every kind; today there is one, so it lists SPLIT_ORDER
     */
    public Page<Anomaly> list(AnomalyKind kind, PageRequest page, Caller caller) {
        AnomalyKind listed = kind == null ? AnomalyKind.SPLIT_ORDER : kind;
        Optional<AnomalyFilter> scoped =
                RowScope.narrow(
                        AnomalyFilter.of(listed), policy.readScope(TYPE, caller.role()), caller);
        if (scoped.isEmpty()) {
            return new Page<>(List.of(), false);
        }
        AnomalyFilter filter = scoped.get();
        String name = listed.name();
        if (filter.team() != null) {
            return store.page(
                    AnomalyItem.BY_KIND_TEAM, Keys.anomalyKindTeam(name, filter.team()), page);
        }
        if (filter.region() != null) {
            return store.page(
                    AnomalyItem.BY_KIND_REGION,
                    Keys.anomalyKindRegion(name, filter.region()),
                    page);
        }
        return store.page(AnomalyItem.BY_KIND, Keys.anomalyKind(name), page);
    }

    /** One anomaly; NOT_FOUND outside the caller's read scope. */
    public Anomaly get(String id, Caller caller) {
        return store.find(id)
                .filter(anomaly -> policy.mayRead(TYPE, caller, anomaly.ownership()))
                .orElseThrow(() -> new NotFoundException(TYPE, id));
    }

    /**
     * Records the reviewer's decision: the anomaly becomes REVIEWED, once. A second review is
     * refused (field {@code id}, rule {@code state}): the first decision stands in the audit trail.
     */
    public Anomaly review(String id, AnomalyDecision decision, String note, Caller caller) {
        String checkedNote = checkedNote(note);
        if (decision == null) {
            throw new ValidationException(FieldProblem.of("decision", "required", "is required"));
        }
        Anomaly current = store.find(id).orElseThrow(() -> new NotFoundException(TYPE, id));
        policy.requireWrite(TYPE, id, caller, current.ownership(), "reviewAnomaly");
        if (current.status() == AnomalyStatus.REVIEWED) {
            throw new ValidationException(
                    new FieldProblem(
                            "id",
                            "state",
                            "was reviewed already (" + current.decision() + ")",
                            AnomalyStatus.OPEN.name()));
        }
        WriteStamp stamp = WriteStamp.of(caller, clock.instant());
        Anomaly reviewed =
                current.toBuilder()
                        .status(AnomalyStatus.REVIEWED)
                        .decision(decision)
                        .note(checkedNote)
                        .reviewedBy(caller.userId())
                        .reviewedAt(stamp.at())
                        .build();
        // VERSION_CONFLICT when a contract joined the group since it was read: the reviewer
        // decides on what the group is now, not on what it was
        return store.replace(reviewed, stamp);
    }

    private static String checkedNote(String note) {
        if (note == null || note.isBlank()) {
            return null;
        }
        String stripped = note.strip();
        if (stripped.length() > NOTE_MAX) {
            throw new ValidationException(
                    FieldProblem.tooLong("note", NOTE_MAX, stripped.length()));
        }
        return stripped;
    }
}

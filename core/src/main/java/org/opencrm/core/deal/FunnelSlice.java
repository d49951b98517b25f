package org.opencrm.core.deal;

import java.util.Optional;
import java.util.function.Function;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.ForbiddenException;
import org.opencrm.core.access.Scope;

/**
 * Whose deals a funnel counts, after row scope (policy.yaml, {@code Funnel}): a region, an owner
 * (within a region when both are set), a team's owners, or the whole org when all are null.
 *
 * <p>Pure. An unasked term is narrowed to the caller's own scope (a rep gets their own numbers, a
 * region manager their region's, a team lead their team's); a term asked outside that scope is
 * refused with FORBIDDEN rather than answered with zeros, because an empty funnel would read as "no
 * deals" — the caller asked for numbers they may not see and should be told so.
 *
 * @param region the region counted, or null
 * @param ownerId the owner counted, or null
 * @param team the team whose owners are counted, or null
 */
public record FunnelSlice(String region, String ownerId, String team) {

    static final String OPERATION = "funnel";

    /**
     * The slice {@code caller} may see of the one asked.
     *
     * @param teamOfOwner the team of a user, empty when the user is unknown
     */
    public static FunnelSlice within(
            Scope scope,
            Caller caller,
            String region,
            String ownerId,
            Function<String, Optional<String>> teamOfOwner) {
        return switch (scope) {
            case ALL -> new FunnelSlice(region, ownerId, null);
            case OWN -> own(caller, region, ownerId);
            case REGION -> regional(caller, region, ownerId);
            case TEAM -> team(caller, region, ownerId, teamOfOwner);
            case NONE, SERVED, OWN_OR_SERVED -> throw refused(caller, "no funnel scope");
        };
    }

    private static FunnelSlice own(Caller caller, String region, String ownerId) {
        if (ownerId != null && !ownerId.equals(caller.userId())) {
            throw refused(caller, "only their own numbers, not owner " + ownerId);
        }
        return new FunnelSlice(region, caller.userId(), null);
    }

    private static FunnelSlice regional(Caller caller, String region, String ownerId) {
        if (caller.region() == null) {
            throw refused(caller, "no region of their own");
        }
        if (region != null && !region.equals(caller.region())) {
            throw refused(caller, "only region " + caller.region() + ", not " + region);
        }
        // an owner is counted only for the deals they hold in the caller's region
        return new FunnelSlice(caller.region(), ownerId, null);
    }

    private static FunnelSlice team(
            Caller caller,
            String region,
            String ownerId,
            Function<String, Optional<String>> teamOfOwner) {
        if (caller.team() == null) {
            throw refused(caller, "no team of their own");
        }
        if (ownerId == null) {
            return new FunnelSlice(region, null, caller.team());
        }
        boolean inTeam = teamOfOwner.apply(ownerId).filter(caller.team()::equals).isPresent();
        if (!inTeam) {
            throw refused(caller, "only team " + caller.team() + "'s reps, not " + ownerId);
        }
        return new FunnelSlice(region, ownerId, null);
    }

    private static ForbiddenException refused(Caller caller, String why) {
        return new ForbiddenException(
                OPERATION, caller.role() + " " + caller.userId() + " may see the funnel of " + why);
    }

    /** Whether this slice is a team's, read as the union of its owners' funnels. */
    boolean byTeam() {
        return team != null && ownerId == null;
    }
}

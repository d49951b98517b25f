package org.opencrm.core.access;

import java.util.Optional;

/**
 * The one narrowing of a list filter to the caller's read scope (R-27; access/policy.yaml). Each
 * scope pins one fact of a record to the caller's own value: OWN the owner, SERVED the service
 * agent, TEAM the team, REGION the region. ALL leaves the filter as asked; NONE reads nothing.
 *
 * <p>A filter that asks for another value of the pinned fact (a team lead asking for another team,
 * a rep for another owner) reads nothing rather than being refused or silently redirected: a list
 * never tells whether records out of scope exist, the same NOT_FOUND stance as a single read. A
 * caller without the value (a team lead with no team) reads nothing, and so does a scope whose fact
 * the kind of record does not have (leads have no service agent).
 */
public final class RowScope {

    /** The facts of a record that row scope looks at. */
    public enum Fact {
        OWNER,
        SERVICE_AGENT,
        TEAM,
        REGION
    }

    /** A list filter that row scope can narrow. */
    public interface Filter<F> {

        /** The value this filter asks of {@code fact}; null when it does not filter by it. */
        String asked(Fact fact);

        /**
         * This filter with {@code fact} pinned to {@code value}; empty when this kind of record has
         * no such fact.
         */
        Optional<F> pinned(Fact fact, String value);
    }

    private RowScope() {}

    /** {@code filter} within {@code scope} as {@code caller} holds it; empty: read nothing. */
    public static <F extends Filter<F>> Optional<F> narrow(F filter, Scope scope, Caller caller) {
        return switch (scope) {
            case ALL -> Optional.of(filter);
            case NONE -> Optional.empty();
            case OWN_OR_SERVED -> pin(filter, ownOrServedPin(filter, caller));
            default -> pin(filter, pinOf(scope, caller));
        };
    }

    /** Whether a record with these facts lies within {@code scope} as {@code caller} holds it. */
    public static boolean reaches(Scope scope, Caller caller, Ownership record) {
        return switch (scope) {
            case ALL -> true;
            case NONE -> false;
            case OWN_OR_SERVED ->
                    reaches(Scope.OWN, caller, record) || reaches(Scope.SERVED, caller, record);
            default -> {
                Pin pin = pinOf(scope, caller);
                yield pin.value() != null && pin.value().equals(record.value(pin.fact()));
            }
        };
    }

    /** The fact a scope pins and the caller's own value of it (null when they have none). */
    private record Pin(Fact fact, String value) {}

    private static Pin pinOf(Scope scope, Caller caller) {
        return switch (scope) {
            case OWN -> new Pin(Fact.OWNER, caller.userId());
            case SERVED -> new Pin(Fact.SERVICE_AGENT, caller.userId());
            case TEAM -> new Pin(Fact.TEAM, caller.team());
            case REGION -> new Pin(Fact.REGION, caller.region());
            case ALL, NONE, OWN_OR_SERVED ->
                    throw new IllegalArgumentException(scope + " pins no single fact");
        };
    }

    /**
     * A list within OWN_OR_SERVED is one index key: what the caller owns when the filter asks by
     * owner, else what they serve.
     */
    private static <F extends Filter<F>> Pin ownOrServedPin(F filter, Caller caller) {
        Scope scope = filter.asked(Fact.OWNER) != null ? Scope.OWN : Scope.SERVED;
        return pinOf(scope, caller);
    }

    private static <F extends Filter<F>> Optional<F> pin(F filter, Pin pin) {
        if (pin.value() == null) {
            return Optional.empty();
        }
        String asked = filter.asked(pin.fact());
        if (asked != null && !asked.equals(pin.value())) {
            return Optional.empty();
        }
        return filter.pinned(pin.fact(), pin.value());
    }
}

package org.opencrm.core.access;

/**
 * The facts about a record that row scope looks at: who owns it, which team and region it belongs
 * to, and who serves it. Any of them may be null.
 */
public record Ownership(String ownerId, String team, String region, String serviceAgentId) {

    /** True when {@code scope}, held by {@code caller}, reaches this record. */
    public boolean within(Scope scope, Caller caller) {
        return switch (scope) {
            case ALL -> true;
            case NONE -> false;
            case OWN -> caller.userId().equals(ownerId);
            case SERVED -> caller.userId().equals(serviceAgentId);
            case TEAM -> caller.team() != null && caller.team().equals(team);
            case REGION -> caller.region() != null && caller.region().equals(region);
        };
    }
}

package org.opencrm.core.access;

/**
 * The facts about a record that row scope looks at: who owns it, which team and region it belongs
 * to, and who serves it. Any of them may be null.
 */
public record Ownership(String ownerId, String team, String region, String serviceAgentId) {

    /** True when {@code scope}, held by {@code caller}, reaches this record. */
    public boolean within(Scope scope, Caller caller) {
        return RowScope.reaches(scope, caller, this);
    }

    /** This record's value of a fact row scope looks at. */
    public String value(RowScope.Fact fact) {
        return switch (fact) {
            case OWNER -> ownerId;
            case SERVICE_AGENT -> serviceAgentId;
            case TEAM -> team;
            case REGION -> region;
        };
    }
}

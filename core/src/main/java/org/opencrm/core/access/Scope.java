package org.opencrm.core.access;

/** Which records of a type a role reaches; see access/policy.yaml. */
public enum Scope {
    OWN,
    TEAM,
    REGION,
    SERVED,
    ALL,
    NONE,
    /**
     * Issue 17: records the caller owns (a ticket's assignee) or serves (the customer's service
     * agent): a customer service agent's tickets.
     */
    OWN_OR_SERVED
}

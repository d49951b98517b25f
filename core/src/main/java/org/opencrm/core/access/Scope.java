package org.opencrm.core.access;

/** Which records of a type a role reaches; see access/policy.yaml. */
public enum Scope {
    OWN,
    TEAM,
    REGION,
    SERVED,
    ALL,
    NONE
}

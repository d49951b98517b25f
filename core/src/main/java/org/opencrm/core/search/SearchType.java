package org.opencrm.core.search;

/** The kinds of record search finds; each is read under its own row scope (access/policy.yaml). */
public enum SearchType {
    CUSTOMER("Customer"),
    LEAD("Lead"),
    DEAL("Deal"),
    USER("User");

    private final String policyType;

    SearchType(String policyType) {
        this.policyType = policyType;
    }

    /** The type name access/policy.yaml gives this kind of record's row scope under. */
    public String policyType() {
        return policyType;
    }
}

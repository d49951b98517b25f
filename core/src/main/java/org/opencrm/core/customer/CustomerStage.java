package org.opencrm.core.customer;

/** Pipeline stages of R-15; SIGNED is "won". */
public enum CustomerStage {
    NEW,
    CONTACTED,
    NEEDS_CONFIRMED,
    DEMO,
    NEGOTIATION,
    CONTRACT_APPROVAL,
    SIGNED,
    LOST
}

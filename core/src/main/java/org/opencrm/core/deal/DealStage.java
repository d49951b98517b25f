package org.opencrm.core.deal;

/**
 * The stages a deal can be in. The set is fixed, since clients switch on it; the {@link
 * Pipeline} configuration decides their order, labels, win rates, staleness and requirements.
 */
public enum DealStage {
    NEW,
    CONTACTED,
    NEEDS_CONFIRMED,
    DEMO,
    NEGOTIATION,
    CONTRACT_APPROVAL,
    SIGNED,
    LOST
}

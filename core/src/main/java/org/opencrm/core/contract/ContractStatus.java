package org.opencrm.core.contract;

/**
 * Where a contract stands: drafted, approved, signed, or voided (with a reason, from any other
 * status). Only a signed contract takes money events.
 */
public enum ContractStatus {
    DRAFT,
    APPROVED,
    SIGNED,
    VOIDED
}

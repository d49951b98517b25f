package org.opencrm.core.anomaly;

import java.time.LocalDate;

/**
 * A contract as split-order detection counts it: its signing date and its net signed amount (the
 * signing less any voiding), in fen.
 */
public record SignedContract(
        String contractId, String contractNumber, LocalDate signedOn, long amountFen) {}

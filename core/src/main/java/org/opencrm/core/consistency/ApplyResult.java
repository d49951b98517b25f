package org.opencrm.core.consistency;

import java.util.List;

/**
 * What one {@code applyConsistencyReport} changed.
 *
 * @param customersChanged customers written (one audit row each)
 * @param fieldsChanged fields that took the other system's newer value
 * @param fieldsAlreadyEqual fields that hold that value already (an earlier apply): left alone
 * @param fieldsChangedSince fields changed here after the report was made: left alone
 * @param failures customers whose write was refused, each with why (e.g. the other system's phone
 *     is another customer's)
 */
public record ApplyResult(
        int customersChanged,
        int fieldsChanged,
        int fieldsAlreadyEqual,
        int fieldsChangedSince,
        List<String> failures) {

    public ApplyResult {
        failures = List.copyOf(failures);
    }
}

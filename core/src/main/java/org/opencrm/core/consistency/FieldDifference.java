package org.opencrm.core.consistency;

import java.time.Instant;

/**
 * One field that differs between a customer and its export row.
 *
 * @param field a compared field ({@link org.opencrm.core.customer.FieldStamps#COMPARED})
 * @param here the CRM's value, normalised; null when empty
 * @param there the export's value, normalised as the CRM would store it; null when empty
 * @param hereSystem who set the CRM's value: {@code CRM} or the system it was taken from
 * @param hereChangedAt when the CRM's value was set
 * @param thereChangedAt the export row's stamp; null when it has none
 * @param changedLast which side is newer
 */
public record FieldDifference(
        String field,
        String here,
        String there,
        String hereSystem,
        Instant hereChangedAt,
        Instant thereChangedAt,
        Side changedLast) {}

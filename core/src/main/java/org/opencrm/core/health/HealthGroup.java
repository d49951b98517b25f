package org.opencrm.core.health;

import java.util.List;

/**
 * One group of dataHealth: who (or where) it is, its average score over its customers, and its
 * weakest records, lowest first.
 */
public record HealthGroup(
        String group, double averageScore, long customers, List<HealthEntry> weakest) {

    public HealthGroup {
        weakest = List.copyOf(weakest);
    }
}

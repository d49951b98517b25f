package org.opencrm.core.health;

/** One group's score sum and customer count, as the reactor keeps them by atomic ADDs. */
public record HealthAggregate(String group, long scoreSum, long customers) {

    /** The average score, to one decimal; 0 for an empty group. */
    public double average() {
        return customers == 0 ? 0 : Math.round(scoreSum * 10.0 / customers) / 10.0;
    }
}

package org.opencrm.core.health;

import java.util.List;

/** A customer's health score: 0-100, the sum of its explained components. */
public record Health(int score, List<HealthComponent> components) {

    public Health {
        components = List.copyOf(components);
    }

    public static Health of(List<HealthComponent> components) {
        return new Health(components.stream().mapToInt(HealthComponent::score).sum(), components);
    }
}

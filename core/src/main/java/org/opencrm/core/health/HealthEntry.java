package org.opencrm.core.health;

/** A customer listed by score: the observation pool's rows and a group's weakest records. */
public record HealthEntry(String customerId, int score) {}

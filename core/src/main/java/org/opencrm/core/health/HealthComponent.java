package org.opencrm.core.health;

/**
 * One part of a health score, with the reason for its points in words a manager can act on, e.g.
 * "completeness 11/40: name, email; missing phone, WeChat id, region, level, external id".
 */
public record HealthComponent(String name, int score, int max, String explanation) {}

package org.opencrm.core.lead;

import java.time.Instant;

/**
 * What a lead list asks for; every term optional. Row scope arrives as owner, team or region terms,
 * which pick the index.
 *
 * @param from inclusive lower bound on the creation time
 * @param to inclusive upper bound on the creation time
 */
public record LeadFilter(
        LeadStatus status,
        String ownerId,
        String channel,
        String region,
        String team,
        Instant from,
        Instant to) {

    public static final LeadFilter ALL = new LeadFilter(null, null, null, null, null, null, null);

    public LeadFilter withOwner(String value) {
        return new LeadFilter(status, value, channel, region, team, from, to);
    }

    public LeadFilter withTeam(String value) {
        return new LeadFilter(status, ownerId, channel, region, value, from, to);
    }

    public LeadFilter withRegion(String value) {
        return new LeadFilter(status, ownerId, channel, value, team, from, to);
    }
}

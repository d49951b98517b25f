package org.opencrm.core.health;

import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.store.Keys;

/**
 * The health lists a customer is counted and listed in, pure. A partition is {@code
 * <scope>|<grouping>#<value>}: the scope is what a reader's row scope pins (ALL, REGION#r, TEAM#t),
 * the grouping what dataHealth groups by. Each reader's question is then one partition (or one
 * {@code <scope>|<grouping>} family of them): a team lead's weakest records per owner are {@code
 * TEAM#t|OWNER#o}, a region manager's channels {@code REGION#r|CHANNEL#*}, and the observation pool
 * of a rep {@code ALL|OWNER#rep}.
 *
 * <p>An archived customer is in none: it is out of the pool and of every average.
 */
public final class HealthPartitions {

    static final String ALL = "ALL";
    static final String NONE = "-";

    private HealthPartitions() {}

    /** Every partition {@code customer} is in, given where it came from ({@code channel}). */
    public static List<String> of(Customer customer, String channel) {
        if (customer.archived()) {
            return List.of();
        }
        List<String> partitions = new ArrayList<>();
        String owner = customer.ownerId();
        String team = orNone(customer.team());
        String region = customer.fields().region();
        String source = orNone(channel);
        partitions.add(ALL + "|" + Keys.healthAllShard(customer.id()));
        partitions.add(ALL + "|REGION#" + orNone(region));
        addGroups(partitions, ALL, owner, team, source);
        if (region != null) {
            addGroups(partitions, "REGION#" + region, owner, team, source);
        }
        if (customer.team() != null) {
            addGroups(partitions, "TEAM#" + team, owner, team, source);
        }
        return List.copyOf(partitions);
    }

    /** The partition listing everyone of {@code scope} with {@code groupBy}'s {@code value}. */
    public static String of(String scope, HealthGroupBy groupBy, String value) {
        return groups(scope, groupBy) + "#" + value;
    }

    /** The family of partitions dataHealth reads: a scope's groups of one grouping. */
    public static String groups(String scope, HealthGroupBy groupBy) {
        return scope + "|" + groupBy;
    }

    /** The partition key's two halves as byGroup lists them: family and value. */
    static String[] split(String partition) {
        int hash = partition.indexOf('#', partition.indexOf('|'));
        return hash < 0
                ? new String[] {partition, NONE}
                : new String[] {partition.substring(0, hash), partition.substring(hash + 1)};
    }

    private static void addGroups(
            List<String> partitions, String scope, String owner, String team, String channel) {
        partitions.add(of(scope, HealthGroupBy.OWNER, owner));
        partitions.add(of(scope, HealthGroupBy.TEAM, team));
        partitions.add(of(scope, HealthGroupBy.CHANNEL, channel));
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? NONE : value;
    }
}

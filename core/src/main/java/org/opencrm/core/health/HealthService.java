package org.opencrm.core.health;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.ForbiddenException;
import org.opencrm.core.access.Scope;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerService;
import org.opencrm.core.customer.ExportExclusion;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.ShardedIndexQuery.SortRange;

/**
 * What readers ask of customer health (R-26): the score of customers already in the caller's hands
 * (a response's customers, one batch read), the observation pool and dataHealth in the caller's row
 * scope (the customers' read scope: a rep their own, a team lead the team, a region manager the
 * region, read-all roles everyone), and the export's exclusion of the pool.
 */
public final class HealthService implements ExportExclusion {

    /** How many weakest records dataHealth names per group. */
    public static final int WEAKEST = 5;

    private final HealthStore store;
    private final AccessPolicy policy;
    private final ConfigService config;

    public HealthService(HealthStore store, AccessPolicy policy, ConfigService config) {
        this.store = store;
        this.policy = policy;
        this.config = config;
    }

    /**
     * The stored health of each customer that has one. The customers are ones the caller reads
     * already (the ids come from a response's customers), so no scope is applied again.
     */
    public Map<String, Health> healthOf(Collection<String> customerIds) {
        Map<String, Health> health = new HashMap<>();
        store.findAll(customerIds).forEach((id, stored) -> health.put(id, stored.health()));
        return health;
    }

    /**
     * The observation pool: customers in the caller's scope scoring below the observation line,
     * lowest first; one index query a page (a query per shard for read-all roles). Customer
     * service, whose scope is the customers it serves, has no pool list.
     */
    public Page<HealthEntry> observationPool(PageRequest page, Caller caller) {
        List<String> partitions = poolPartitions(caller);
        if (partitions.isEmpty()) {
            return new Page<>(List.of(), false);
        }
        int below = config.current(HealthRules.DEFINITION).observationBelow();
        return store.page(partitions, new SortRange(null, Keys.healthScoresBelow(below)), page);
    }

    /**
     * Per group of the caller's scope: the average score, the count and the weakest {@link
     * #WEAKEST} records, weakest groups first. Reads the groups' sums (one query) and each group's
     * lowest scores (one query each): O(groups), never the customers.
     *
     * @throws ForbiddenException for a caller whose scope is their own customers or fewer: the
     *     question is a manager's
     */
    public List<HealthGroup> dataHealth(HealthGroupBy groupBy, Caller caller) {
        String scope =
                managerScope(caller)
                        .orElseThrow(
                                () ->
                                        new ForbiddenException(
                                                "dataHealth",
                                                caller.role()
                                                        + " reads no team, region or org; dataHealth"
                                                        + " is for team leads, region managers and"
                                                        + " read-all roles"));
        return store.aggregates(HealthPartitions.groups(scope, groupBy)).stream()
                .filter(aggregate -> aggregate.customers() > 0)
                .map(
                        aggregate ->
                                new HealthGroup(
                                        aggregate.group(),
                                        aggregate.average(),
                                        aggregate.customers(),
                                        store.weakest(
                                                HealthPartitions.of(
                                                        scope, groupBy, aggregate.group()),
                                                WEAKEST)))
                .sorted(
                        Comparator.comparingDouble(HealthGroup::averageScore)
                                .thenComparing(HealthGroup::group))
                .toList();
    }

    /** R-26: customers in the observation pool stay out of bulk export. */
    @Override
    public Set<String> leftOut(List<Customer> customers) {
        int below = config.current(HealthRules.DEFINITION).observationBelow();
        return store.findAll(customers.stream().map(Customer::id).toList()).values().stream()
                .filter(stored -> !stored.partitions().isEmpty())
                .filter(stored -> stored.score() < below)
                .map(StoredHealth::customerId)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String reason() {
        return "in the observation pool (health score below "
                + config.current(HealthRules.DEFINITION).observationBelow()
                + ", R-26): see observationPool";
    }

    private List<String> poolPartitions(Caller caller) {
        Scope scope = policy.readScope(CustomerService.TYPE, caller.role());
        return switch (scope) {
            case ALL ->
                    Keys.healthAllShards().stream()
                            .map(shard -> HealthPartitions.ALL + "|" + shard)
                            .toList();
            case REGION -> pinned("REGION", caller.region());
            case TEAM -> pinned(HealthGroupBy.TEAM.name(), caller.team());
            case OWN -> pinned(HealthGroupBy.OWNER.name(), caller.userId());
            case SERVED, OWN_OR_SERVED, NONE -> List.of();
        };
    }

    private static List<String> pinned(String grouping, String value) {
        return value == null
                ? List.of()
                : List.of(HealthPartitions.ALL + "|" + grouping + "#" + value);
    }

    private Optional<String> managerScope(Caller caller) {
        Scope scope = policy.readScope(CustomerService.TYPE, caller.role());
        return switch (scope) {
            case ALL -> Optional.of(HealthPartitions.ALL);
            case REGION -> Optional.ofNullable(caller.region()).map(region -> "REGION#" + region);
            case TEAM -> Optional.ofNullable(caller.team()).map(team -> "TEAM#" + team);
            case OWN, SERVED, OWN_OR_SERVED, NONE -> Optional.empty();
        };
    }
}

package org.opencrm.core.deal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.access.Caller;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.store.Pages;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserFilter;
import org.opencrm.core.user.UserService;

/**
 * The funnel: per open or won stage, the deals that first entered it in a period. Read from
 * the maintained stage entries (one paged index query per stage and slice — org, region or owner —
 * by first-entered time), never from the deals, and counted by the same {@link FunnelMath} a
 * from-scratch recompute uses. Row scope is the policy's {@code Funnel} entry ({@link
 * FunnelSlice}).
 */
public final class FunnelService {

    public static final String TYPE = "Funnel";

    /** Entries per index read: a service's bulk read, larger than a client's page. */
    static final int READ_PAGE = 1_000;

    private final DealStore store;
    private final AccessPolicy policy;
    private final ConfigService config;
    private final UserService users;

    public FunnelService(
            DealStore store, AccessPolicy policy, ConfigService config, UserService users) {
        this.store = store;
        this.policy = policy;
        this.config = config;
        this.users = users;
    }

    /** A funnel question: the period {@code [from, to)} and an optional region and owner. */
    public record FunnelQuery(Instant from, Instant to, String region, String ownerId) {}

    /** The funnel of the deals the caller may see, narrowed or refused per {@link FunnelSlice}. */
    public Funnel funnel(FunnelQuery query, Caller caller) {
        FunnelRules.checkPeriod(query.from(), query.to());
        FunnelSlice slice =
                FunnelSlice.within(
                        policy.readScope(TYPE, caller.role()),
                        caller,
                        blankToNull(query.region()),
                        blankToNull(query.ownerId()),
                        this::teamOf);
        long version = config.get(Pipeline.DEFINITION.name()).version();
        Pipeline pipeline = config.current(Pipeline.DEFINITION);
        List<StageEntry> entries = new ArrayList<>();
        for (PipelineStage stage : pipeline.stages()) {
            if (stage.type() != StageType.LOST) {
                entries.addAll(entriesOf(stage.id(), query, slice));
            }
        }
        return new Funnel(
                query.from(),
                query.to(),
                slice.region(),
                slice.ownerId(),
                slice.team(),
                version,
                FunnelMath.compute(pipeline, entries));
    }

    private List<StageEntry> entriesOf(DealStage stage, FunnelQuery query, FunnelSlice slice) {
        if (!slice.byTeam()) {
            return read(stage, query, slice.region(), slice.ownerId());
        }
        // no team index: a team's funnel is the union of its members' (an entry has one owner)
        List<StageEntry> entries = new ArrayList<>();
        for (User member : users.everyone(new UserFilter(null, null, slice.team(), null))) {
            entries.addAll(read(stage, query, slice.region(), member.id()));
        }
        return entries;
    }

    private List<StageEntry> read(
            DealStage stage, FunnelQuery query, String region, String ownerId) {
        return Pages.all(
                        READ_PAGE,
                        page ->
                                store.stageEntries(
                                        stage, query.from(), query.to(), region, ownerId, page))
                .toList();
    }

    private Optional<String> teamOf(String userId) {
        return users.findOptional(userId).map(User::team);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

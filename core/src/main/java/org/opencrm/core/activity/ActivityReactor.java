package org.opencrm.core.activity;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.deal.Deal;
import org.opencrm.core.deal.DealService;
import org.opencrm.core.deal.DealStore;
import org.opencrm.core.deal.StageRequirementsUnmetException;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.notify.NotificationOutbox;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The activities stream's reactions (R-18, R-16). Idempotent under redelivery:
 *
 * <ul>
 *   <li>High potential: a customer's activities are counted afresh from its timeline (distinct
 *       activity ids carrying the tag, never events), and the mark is a first-write-only item, so a
 *       record seen twice marks once. A mark stays once earned.
 *   <li>Keyword auto-move: only a new activity (INSERT) moves; it claims the customer's 72 h window
 *       with a conditional write before moving, so concurrent or repeated records move once; a
 *       redelivered record finds its own claim and only completes what is missing (the move, the
 *       owner's notification, whose id names the deal and the activity).
 * </ul>
 */
public final class ActivityReactor {

    public static final String SYSTEM = "system:activity-keywords";
    private static final Logger LOG = Logger.getLogger(ActivityReactor.class.getName());

    private final ActivityStore store;
    private final DealStore deals;
    private final DealService dealService;
    private final NotificationOutbox outbox;
    private final ConfigService config;
    private final Clock clock;

    public ActivityReactor(
            ActivityStore store,
            DealStore deals,
            DealService dealService,
            NotificationOutbox outbox,
            ConfigService config,
            Clock clock) {
        this.store = store;
        this.deals = deals;
        this.dealService = dealService;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    public void onRecord(Record record) {
        var change = record.dynamodb();
        Map<String, AttributeValue> image = change.hasNewImage() ? change.newImage() : null;
        if (!ActivityItem.isActivity(image)) {
            return; // a reminder, a mark, a claim, or a removal
        }
        Activity activity = ActivityItem.toActivity(image);
        ActivityTags tags = config.current(ActivityTags.DEFINITION);
        // the move is decided first: whoever sees the mark a record earned knows its move was too
        if (record.eventName() == OperationType.INSERT
                && activity.tag(tags.moveTag()).isPresent()) {
            autoMove(activity, tags);
        }
        if (activity.customerId() != null && activity.tag(tags.highPotentialTag()).isPresent()) {
            markIfHighPotential(activity.customerId(), tags);
        }
    }

    /** Marks the customer when enough distinct activities carry the tag; true when marked now. */
    public boolean markIfHighPotential(String customerId, ActivityTags tags) {
        List<HighPotential.TagMatchOf> matches = new ArrayList<>();
        store.allOfCustomer(customerId)
                .forEach(
                        activity ->
                                activity.tag(tags.highPotentialTag())
                                        .ifPresent(
                                                match ->
                                                        matches.add(
                                                                new HighPotential.TagMatchOf(
                                                                        activity.id(),
                                                                        activity.occurredAt(),
                                                                        match.matched()))));
        if (matches.size() < tags.highPotentialCount()) {
            return false;
        }
        // the reason names the first activities that reached the count
        List<HighPotential.TagMatchOf> earliest =
                matches.stream()
                        .sorted(
                                Comparator.comparing(HighPotential.TagMatchOf::occurredAt)
                                        .thenComparing(HighPotential.TagMatchOf::activityId))
                        .limit(tags.highPotentialCount())
                        .toList();
        return store.markHighPotential(new HighPotential(customerId, earliest, clock.instant()));
    }

    private void autoMove(Activity activity, ActivityTags tags) {
        String matched = activity.tag(tags.moveTag()).orElseThrow().matched();
        Optional<Deal> target = AutoMoveRule.target(candidates(activity));
        String customerId = activity.customerId();
        if (target.isEmpty() || customerId == null) {
            return;
        }
        Instant now = clock.instant();
        AutoMoveClaim wanted =
                AutoMoveClaim.of(
                        customerId,
                        activity.id(),
                        target.get().id(),
                        AutoMoveRule.windowEnd(now, tags.moveCooldownHours()));
        Optional<AutoMoveClaim> granted = store.claimAutoMove(wanted, now);
        if (granted.isEmpty()) {
            LOG.info(
                    () ->
                            "auto-move skipped: customer "
                                    + customerId
                                    + " had one within "
                                    + tags.moveCooldownHours()
                                    + " h (activity "
                                    + activity.id()
                                    + ")");
            return;
        }
        // a redelivered record completes the move it claimed, whatever the deals look like now
        String dealId =
                granted.get().isRedelivery() ? granted.get().previousDealId() : target.get().id();
        move(dealId, activity, matched, granted.get());
    }

    /** The activity's deal, else the customer's deals. */
    private List<Deal> candidates(Activity activity) {
        if (activity.dealId() != null) {
            return deals.find(activity.dealId()).stream().toList();
        }
        if (activity.customerId() == null) {
            return List.of();
        }
        return deals.ofCustomer(activity.customerId());
    }

    private void move(String dealId, Activity activity, String matched, AutoMoveClaim claim) {
        Optional<Deal> found = deals.find(dealId);
        if (found.isEmpty()) {
            store.releaseAutoMove(claim);
            return;
        }
        Deal deal = found.get();
        if (deal.stage() == AutoMoveRule.FROM) {
            try {
                deal =
                        dealService.move(
                                DealService.MoveRequest.automatic(
                                        deal.id(), deal.version(), AutoMoveRule.TO, matched),
                                system(activity));
            } catch (StageRequirementsUnmetException unmet) {
                LOG.info(
                        () ->
                                "auto-move of deal "
                                        + dealId
                                        + " refused: "
                                        + unmet.getMessage()
                                        + " (activity "
                                        + activity.id()
                                        + ")");
                store.releaseAutoMove(claim);
                return;
            }
        } else if (!claim.isRedelivery()) {
            store.releaseAutoMove(claim);
            return;
        }
        tellOwner(deal, activity, matched);
    }

    private void tellOwner(Deal deal, Activity activity, String matched) {
        if (deal.ownerId() == null) {
            return;
        }
        String title = deal.title() == null ? "A deal" : deal.title();
        outbox.send(
                Notification.of(
                        "auto-move:" + deal.id() + "@" + activity.id(),
                        deal.ownerId(),
                        NotificationKind.DEAL_AUTO_MOVED,
                        "Deal moved to " + AutoMoveRule.TO,
                        title + " moved to " + AutoMoveRule.TO + " on 「" + matched + "」",
                        Map.of(
                                "dealId", deal.id(),
                                "activityId", activity.id(),
                                "matched", matched),
                        clock.instant()));
    }

    /** The automatic mover: may change any deal; the stage machine still decides the move. */
    private static Caller system(Activity activity) {
        return Caller.builder()
                .userId(SYSTEM)
                .role(Role.ADMIN)
                .requestId("activity:" + activity.id())
                .build();
    }
}

package org.opencrm.core.anomaly;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.opencrm.core.access.Role;
import org.opencrm.core.money.Fen;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.notify.NotificationOutbox;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserFilter;
import org.opencrm.core.user.UserService;
import org.opencrm.core.user.UserStatus;

/**
 * Who hears of a split order: the active region managers of the contract's region (the
 * admins when the region has none, so the news is not lost) and every active finance user. Each
 * notification's id names the anomaly and the recipient, so telling again tells nobody twice.
 */
public final class SplitOrderNotices {

    private final UserService users;
    private final NotificationOutbox outbox;
    private final Clock clock;

    public SplitOrderNotices(UserService users, NotificationOutbox outbox, Clock clock) {
        this.users = users;
        this.outbox = outbox;
        this.clock = clock;
    }

    public void tell(Anomaly anomaly) {
        String title = "Possible split order: " + anomaly.contracts().size() + " contracts";
        String body =
                anomaly.contracts().size()
                        + " contracts of customer "
                        + anomaly.customerId()
                        + " signed "
                        + anomaly.windowFrom()
                        + " to "
                        + anomaly.windowTo()
                        + ", together "
                        + Fen.format(anomaly.totalFen())
                        + " yuan; please review.";
        Map<String, String> payload =
                Map.of(
                        "anomalyId", anomaly.id(),
                        "customerId", anomaly.customerId(),
                        "total", Fen.format(anomaly.totalFen()));
        for (String recipient : recipients(anomaly.region())) {
            outbox.send(
                    Notification.of(
                            anomaly.id(),
                            recipient,
                            NotificationKind.SPLIT_ORDER,
                            title,
                            body,
                            payload,
                            clock.instant()));
        }
    }

    private Set<String> recipients(String region) {
        Set<String> ids = new LinkedHashSet<>();
        if (region != null) {
            users.everyone(new UserFilter(Role.REGION_MANAGER, region, null, UserStatus.ACTIVE))
                    .forEach(user -> ids.add(user.id()));
        }
        if (ids.isEmpty()) {
            users.activeWithRole(Role.ADMIN).forEach(user -> ids.add(user.id()));
        }
        users.activeWithRole(Role.FINANCE).stream().map(User::id).forEach(ids::add);
        return ids;
    }
}

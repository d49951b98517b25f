package org.opencrm.core.leadwork;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.opencrm.core.access.Role;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadStatus;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.notify.NotificationOutbox;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserFilter;
import org.opencrm.core.user.UserService;
import org.opencrm.core.user.UserStatus;

/**
 * Who hears of a lead's change (R-12, R-13), derived from the committed before and after: the new
 * owner of an assignment, the region's team leads and the admins of a pooled lead, the people of an
 * SLA step, and the customer of a wake-up. Each notification's id comes from the lead, the change's
 * version and the recipient, and the outbox writes conditionally, so a change notifies each person
 * once however often it is seen.
 */
public final class LeadNotifications {

    private final NotificationOutbox outbox;
    private final UserService users;

    public LeadNotifications(NotificationOutbox outbox, UserService users) {
        this.outbox = outbox;
        this.users = users;
    }

    public void changed(Lead before, Lead after, Instant at) {
        if (after == null) {
            return;
        }
        String cause = after.id() + "#v" + after.version();
        if (after.status() == LeadStatus.ASSIGNED
                && after.ownerId() != null
                && (before == null || !after.ownerId().equals(before.ownerId()))) {
            send(
                    cause,
                    List.of(after.ownerId()),
                    NotificationKind.LEAD_ASSIGNED,
                    "New lead for you",
                    describe(after) + ": view it within the SLA",
                    after,
                    at);
        }
        if (after.status() == LeadStatus.UNASSIGNED
                && (before == null || before.status() != LeadStatus.UNASSIGNED)) {
            send(
                    cause,
                    poolWatchers(after),
                    NotificationKind.LEAD_UNASSIGNED,
                    "Lead waiting in the pool",
                    describe(after) + " could not be assigned: " + after.work().unassignedReason(),
                    after,
                    at);
        }
        String step = after.work().lastSlaStep();
        if (step == null || (before != null && Objects.equals(step, before.work().lastSlaStep()))) {
            return;
        }
        String previousOwner = before == null ? null : before.ownerId();
        if (step.startsWith("VIEW_MISSED")) {
            send(
                    cause,
                    present(previousOwner),
                    NotificationKind.SLA_WARNING,
                    "Lead taken back: not viewed in time",
                    step,
                    after,
                    at);
        } else if (step.startsWith("CONTACT_MISSED")) {
            send(
                    cause,
                    present(previousOwner, after.ownerId()),
                    NotificationKind.SLA_ESCALATED,
                    "Lead escalated: no first contact",
                    step,
                    after,
                    at);
        } else if (step.startsWith("WOKEN")) {
            send(
                    cause,
                    present(after.ownerId()),
                    NotificationKind.SLA_ESCALATED,
                    "Wake-up SMS sent",
                    step,
                    after,
                    at);
            wakeUp(cause, after, at);
        }
    }

    /**
     * The customer's SMS: recipient {@code lead:<id>}, the number in the payload, for the SMS
     * channel to deliver.
     */
    private void wakeUp(String cause, Lead lead, Instant at) {
        if (lead.fields().phone() == null) {
            return;
        }
        String name = lead.fields().name() == null ? "" : lead.fields().name() + "，";
        outbox.send(
                Notification.of(
                        cause,
                        "lead:" + lead.id(),
                        NotificationKind.WAKE_UP_SMS,
                        "SMS",
                        name + "您好，您咨询的事项我们的顾问将尽快与您联系。",
                        Map.of(
                                "leadId",
                                lead.id(),
                                "phone",
                                lead.fields().phone(),
                                "channel",
                                "SMS"),
                        at));
    }

    /**
     * A pool-age reminder to the lead's region's team leads (the admins when the region has none,
     * so it is not lost): once per recipient, pool stay and threshold, however often it is sent.
     *
     * @param waited the threshold the stay has reached, e.g. 30 minutes
     */
    public void poolReminder(Lead lead, Instant pooledAt, Duration waited, Instant at) {
        List<String> recipients = regionTeamLeads(lead.fields().region());
        if (recipients.isEmpty()) {
            recipients = admins();
        }
        String cause = lead.id() + "#pooled@" + pooledAt + "#" + waited.toMinutes() + "m";
        for (String recipient : recipients) {
            outbox.send(
                    Notification.of(
                            cause,
                            recipient,
                            NotificationKind.LEAD_POOL_REMINDER,
                            "Lead still waiting in the pool",
                            describe(lead)
                                    + " has waited "
                                    + waited.toMinutes()
                                    + " min: "
                                    + lead.work().unassignedReason(),
                            Map.of(
                                    "leadId",
                                    lead.id(),
                                    "waitedMinutes",
                                    Long.toString(waited.toMinutes())),
                            at));
        }
    }

    /**
     * To the admins: an open lead is nowhere (its owner is not active, or it has no owner and no
     * pool entry). Once per lead and finding (with the owner it names): a check that finds it
     * again, hourly, reports nothing new.
     */
    public void nowhere(Lead lead, String finding, Instant at) {
        String cause =
                lead.id()
                        + "#nowhere:"
                        + finding
                        + (lead.ownerId() == null ? "" : ":" + lead.ownerId());
        for (String admin : admins()) {
            outbox.send(
                    Notification.of(
                            cause,
                            admin,
                            NotificationKind.LEAD_NOWHERE,
                            "Open lead nowhere",
                            describe(lead) + " (" + lead.status() + "): " + finding,
                            Map.of("leadId", lead.id(), "finding", finding),
                            at));
        }
    }

    /**
     * To the admins: a rep's open-lead count drifted from their open leads and was corrected.
     *
     * @param cause one correction: the rep, the counts and the run
     */
    public void countDrift(String cause, String repId, long counted, long ledger, Instant at) {
        for (String admin : admins()) {
            outbox.send(
                    Notification.of(
                            cause,
                            admin,
                            NotificationKind.LEAD_COUNT_DRIFT,
                            "Open-lead count corrected",
                            repId + " was counted " + ledger + " open leads but holds " + counted,
                            Map.of(
                                    "userId",
                                    repId,
                                    "counted",
                                    Long.toString(counted),
                                    "ledger",
                                    Long.toString(ledger)),
                            at));
        }
    }

    private List<String> regionTeamLeads(String region) {
        if (region == null) {
            return List.of();
        }
        return users
                .everyone(new UserFilter(Role.TEAM_LEAD, region, null, UserStatus.ACTIVE))
                .stream()
                .map(User::id)
                .toList();
    }

    private List<String> admins() {
        return users.activeWithRole(Role.ADMIN).stream().map(User::id).toList();
    }

    private List<String> poolWatchers(Lead lead) {
        Set<String> watchers = new LinkedHashSet<>();
        if (lead.fields().region() != null) {
            users.everyone(
                            new UserFilter(
                                    Role.TEAM_LEAD,
                                    lead.fields().region(),
                                    null,
                                    UserStatus.ACTIVE))
                    .forEach(user -> watchers.add(user.id()));
        }
        users.activeWithRole(Role.ADMIN).stream().map(User::id).forEach(watchers::add);
        return new ArrayList<>(watchers);
    }

    private void send(
            String cause,
            List<String> recipients,
            NotificationKind kind,
            String title,
            String body,
            Lead lead,
            Instant at) {
        for (String recipient : recipients) {
            outbox.send(
                    Notification.of(
                            cause, recipient, kind, title, body, Map.of("leadId", lead.id()), at));
        }
    }

    private static List<String> present(String... ids) {
        return java.util.Arrays.stream(ids).filter(Objects::nonNull).distinct().toList();
    }

    private static String describe(Lead lead) {
        String who = lead.fields().name() != null ? lead.fields().name() : "a lead";
        return who
                + " from "
                + lead.channel()
                + (lead.fields().region() == null ? "" : " in " + lead.fields().region());
    }
}

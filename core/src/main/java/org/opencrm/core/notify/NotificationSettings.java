package org.opencrm.core.notify;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.config.ConfigDefinition;
import org.opencrm.core.error.FieldProblem;

/**
 * Where notifications go: run-time configuration {@code notifications}.
 *
 * @param robots robot or webhook per target: {@code user:<id>} or {@code team:<team>} (a user's own
 *     wins)
 * @param channelsByKind the default channels of each kind: INBOX, ROBOT, SMS
 * @param maxAttempts attempts per channel before it stays FAILED
 * @param firstRetrySeconds the first retry's delay; each next one doubles it
 * @param smsPerCustomerPerDay SMS one customer (phone) may get per local day
 * @param smsQuietFromHour no SMS from this local hour (21) …
 * @param smsQuietUntilHour … until this one (8): held until then, not dropped
 * @param smsTimeZone the customers' local time zone
 * @param finance the finance system's endpoint and HMAC secret for signed customers; none
 *     until set
 * @param financePayeeAccount our receiving account, printed on every invoice the finance system
 *     raises
 */
@RecordBuilder
public record NotificationSettings(
        Map<String, Robot> robots,
        Map<String, List<String>> channelsByKind,
        int maxAttempts,
        int firstRetrySeconds,
        int smsPerCustomerPerDay,
        int smsQuietFromHour,
        int smsQuietUntilHour,
        String smsTimeZone,
        Robot finance,
        String financePayeeAccount) {

    public static final String NAME = "notifications";

    /** No finance endpoint yet: pushes wait (and retry) until one is configured. */
    public static final Robot NO_FINANCE = new Robot(Robot.RobotType.WEBHOOK, "", "");

    public static final List<String> CHANNELS = List.of("INBOX", "ROBOT", "SMS", "FINANCE");

    public NotificationSettings {
        robots = robots == null ? Map.of() : Map.copyOf(robots);
        channelsByKind = channelsByKind == null ? Map.of() : Map.copyOf(channelsByKind);
    }

    public static final ConfigDefinition<NotificationSettings> DEFINITION =
            new ConfigDefinition<>(
                    NAME, NotificationSettings.class, defaults(), NotificationSettings::problems);

    static NotificationSettings defaults() {
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        for (NotificationKind kind : NotificationKind.values()) {
            byKind.put(kind.name(), List.of("INBOX", "ROBOT"));
        }
        byKind.put(NotificationKind.ACCOUNT_SUSPENDED.name(), List.of("INBOX"));
        byKind.put(NotificationKind.WAKE_UP_SMS.name(), List.of("SMS"));
        byKind.put(NotificationKind.FINANCE_SYNC.name(), List.of("FINANCE"));
        byKind.put(NotificationKind.SATISFACTION_SURVEY.name(), List.of("SMS"));
        return NotificationSettings.builder()
                .robots(Map.of())
                .channelsByKind(byKind)
                .maxAttempts(8)
                .firstRetrySeconds(30)
                .smsPerCustomerPerDay(3)
                .smsQuietFromHour(21)
                .smsQuietUntilHour(8)
                .smsTimeZone("Asia/Shanghai")
                .finance(NO_FINANCE)
                .financePayeeAccount("")
                .build();
    }

    public boolean hasFinance() {
        return finance != null && finance.url() != null && !finance.url().isBlank();
    }

    /**
     * The channels of a kind for someone: their own choice ({@code own}: kind → channels), else the
     * kind's default.
     */
    public List<String> channelsFor(NotificationKind kind, Map<String, List<String>> own) {
        List<String> chosen = own.get(kind.name());
        if (chosen != null) {
            return chosen;
        }
        return channelsByKind.getOrDefault(kind.name(), List.of("INBOX"));
    }

    /**
     * When an SMS may go out: {@code now} outside quiet hours, else the next end of them (quiet
     * hours may span midnight, 21 → 8).
     */
    public java.time.Instant smsAllowedFrom(java.time.Instant now) {
        java.time.ZonedDateTime local = now.atZone(java.time.ZoneId.of(smsTimeZone));
        int hour = local.getHour();
        boolean spansMidnight = smsQuietFromHour > smsQuietUntilHour;
        boolean quiet =
                spansMidnight
                        ? hour >= smsQuietFromHour || hour < smsQuietUntilHour
                        : hour >= smsQuietFromHour && hour < smsQuietUntilHour;
        if (!quiet) {
            return now;
        }
        java.time.ZonedDateTime end =
                local.withHour(smsQuietUntilHour).withMinute(0).withSecond(0).withNano(0);
        return (end.isAfter(local) ? end : end.plusDays(1)).toInstant();
    }

    private static List<FieldProblem> problems(NotificationSettings settings) {
        List<FieldProblem> problems = new ArrayList<>();
        ConfigDefinition.outOfRange("maxAttempts", settings.maxAttempts(), 1, 50)
                .ifPresent(problems::add);
        ConfigDefinition.outOfRange("firstRetrySeconds", settings.firstRetrySeconds(), 1, 3_600)
                .ifPresent(problems::add);
        ConfigDefinition.outOfRange("smsPerCustomerPerDay", settings.smsPerCustomerPerDay(), 0, 100)
                .ifPresent(problems::add);
        ConfigDefinition.outOfRange("smsQuietFromHour", settings.smsQuietFromHour(), 0, 23)
                .ifPresent(problems::add);
        ConfigDefinition.outOfRange("smsQuietUntilHour", settings.smsQuietUntilHour(), 0, 23)
                .ifPresent(problems::add);
        try {
            java.time.ZoneId.of(settings.smsTimeZone());
        } catch (RuntimeException unknown) {
            problems.add(
                    FieldProblem.of(
                            "value.smsTimeZone",
                            "timeZone",
                            "must be a time zone id such as Asia/Shanghai"));
        }
        settings.robots()
                .forEach(
                        (target, robot) -> {
                            String path = "value.robots." + target;
                            if (!target.startsWith("user:") && !target.startsWith("team:")) {
                                problems.add(
                                        FieldProblem.of(
                                                path,
                                                "target",
                                                "must be user:<id> or team:<team>"));
                            }
                            if (robot == null
                                    || robot.type() == null
                                    || robot.url() == null
                                    || !robot.url().startsWith("http")) {
                                problems.add(
                                        FieldProblem.of(
                                                path,
                                                "robot",
                                                "needs a type (WECOM, DINGTALK, FEISHU, WEBHOOK) and an http(s) url"));
                            } else if (robot.type() != Robot.RobotType.WECOM
                                    && (robot.secret() == null || robot.secret().isBlank())) {
                                problems.add(
                                        FieldProblem.of(
                                                path + ".secret",
                                                "required",
                                                "is required for " + robot.type()));
                            }
                        });
        if (settings.hasFinance()
                && (!settings.finance().url().startsWith("http")
                        || settings.finance().secret() == null
                        || settings.finance().secret().isBlank())) {
            problems.add(
                    FieldProblem.of(
                            "value.finance",
                            "endpoint",
                            "needs an http(s) url and a secret for the HMAC signature"));
        }
        settings.channelsByKind()
                .forEach(
                        (kind, channels) ->
                                problems.addAll(
                                        channelProblems("value.channelsByKind." + kind, channels)));
        return problems;
    }

    static List<FieldProblem> channelProblems(String path, List<String> channels) {
        if (channels == null || !CHANNELS.containsAll(channels)) {
            return List.of(
                    new FieldProblem(
                            path,
                            "channel",
                            "channels must be among " + CHANNELS + ", got " + channels,
                            CHANNELS));
        }
        return List.of();
    }

    /** New settings, every term named. */
    public static NotificationSettingsBuilder builder() {
        return NotificationSettingsBuilder.builder();
    }

    /** A builder holding this record's values, to change some of them by name. */
    public NotificationSettingsBuilder toBuilder() {
        return NotificationSettingsBuilder.builder(this);
    }
}

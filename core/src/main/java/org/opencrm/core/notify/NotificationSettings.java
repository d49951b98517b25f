package org.opencrm.core.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.config.ConfigDefinition;
import org.opencrm.core.error.FieldProblem;

/**
 * Where notifications go: run-time configuration {@code notifications}.
 *
 * @param robots         robot or webhook per target: {@code user:<id>} or {@code team:<team>} (a user's own wins)
 * @param channelsByKind the default channels of each kind: INBOX, ROBOT, SMS
 * @param preferences    a user's own choice per kind, over the default: user id → kind → channels
 * @param maxAttempts    attempts per channel before it stays FAILED
 * @param firstRetrySeconds the first retry's delay; each next one doubles it
 */
public record NotificationSettings(Map<String, Robot> robots, Map<String, List<String>> channelsByKind,
                                   Map<String, Map<String, List<String>>> preferences, int maxAttempts,
                                   int firstRetrySeconds) {

    public static final String NAME = "notifications";
    public static final List<String> CHANNELS = List.of("INBOX", "ROBOT", "SMS");

    public NotificationSettings {
        robots = robots == null ? Map.of() : Map.copyOf(robots);
        channelsByKind = channelsByKind == null ? Map.of() : Map.copyOf(channelsByKind);
        preferences = preferences == null ? Map.of() : Map.copyOf(preferences);
    }

    public static final ConfigDefinition<NotificationSettings> DEFINITION =
            new ConfigDefinition<>(NAME, NotificationSettings.class, defaults(), NotificationSettings::problems);

    static NotificationSettings defaults() {
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        for (NotificationKind kind : NotificationKind.values()) {
            byKind.put(kind.name(), List.of("INBOX", "ROBOT"));
        }
        byKind.put(NotificationKind.ACCOUNT_SUSPENDED.name(), List.of("INBOX"));
        byKind.put(NotificationKind.WAKE_UP_SMS.name(), List.of("SMS"));
        return new NotificationSettings(Map.of(), byKind, Map.of(), 8, 30);
    }

    /** The channels for a recipient and kind: their own choice, else the kind's default, else the inbox. */
    public List<String> channelsFor(String recipientId, NotificationKind kind) {
        List<String> own = preferences.getOrDefault(recipientId, Map.of()).get(kind.name());
        if (own != null) {
            return own;
        }
        return channelsByKind.getOrDefault(kind.name(), List.of("INBOX"));
    }

    public NotificationSettings withPreference(String userId, NotificationKind kind, List<String> channels) {
        Map<String, Map<String, List<String>>> next = new LinkedHashMap<>(preferences);
        Map<String, List<String>> mine = new LinkedHashMap<>(next.getOrDefault(userId, Map.of()));
        mine.put(kind.name(), List.copyOf(channels));
        next.put(userId, mine);
        return new NotificationSettings(robots, channelsByKind, next, maxAttempts, firstRetrySeconds);
    }

    private static List<FieldProblem> problems(NotificationSettings settings) {
        List<FieldProblem> problems = new ArrayList<>();
        ConfigDefinition.outOfRange("maxAttempts", settings.maxAttempts(), 1, 50).ifPresent(problems::add);
        ConfigDefinition.outOfRange("firstRetrySeconds", settings.firstRetrySeconds(), 1, 3_600).ifPresent(problems::add);
        settings.robots().forEach((target, robot) -> {
            String path = "value.robots." + target;
            if (!target.startsWith("user:") && !target.startsWith("team:")) {
                problems.add(FieldProblem.of(path, "target", "must be user:<id> or team:<team>"));
            }
            if (robot == null || robot.type() == null || robot.url() == null || !robot.url().startsWith("http")) {
                problems.add(FieldProblem.of(path, "robot", "needs a type (WECOM, DINGTALK, FEISHU, WEBHOOK) and an http(s) url"));
            } else if (robot.type() != Robot.RobotType.WECOM && (robot.secret() == null || robot.secret().isBlank())) {
                problems.add(FieldProblem.of(path + ".secret", "required", "is required for " + robot.type()));
            }
        });
        settings.channelsByKind().forEach((kind, channels) -> problems.addAll(channelProblems("value.channelsByKind." + kind,
                channels)));
        settings.preferences().forEach((user, byKind) -> byKind.forEach((kind, channels) ->
                problems.addAll(channelProblems("value.preferences." + user + "." + kind, channels))));
        return problems;
    }

    static List<FieldProblem> channelProblems(String path, List<String> channels) {
        if (channels == null || !CHANNELS.containsAll(channels)) {
            return List.of(new FieldProblem(path, "channel", "channels must be among " + CHANNELS + ", got " + channels,
                    CHANNELS));
        }
        return List.of();
    }
}

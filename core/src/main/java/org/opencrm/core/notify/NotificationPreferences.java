package org.opencrm.core.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.opencrm.core.access.Caller;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.store.JsonText;

/** A user's own channels per kind, kept in the versioned notifications configuration. */
public final class NotificationPreferences {

    private static final int ATTEMPTS = 5;
    /** What a user may choose for themselves; SMS goes to customers and FINANCE to finance, never by choice. */
    public static final List<String> USER_CHANNELS = List.of("INBOX", "ROBOT");
    private final ConfigService config;

    public NotificationPreferences(ConfigService config) {
        this.config = config;
    }

    /** Writes the caller's choice as a new configuration version, retried when someone else's lands first. */
    public List<String> set(NotificationKind kind, List<String> channels, Caller caller) {
        List<FieldProblem> problems = channels == null || !USER_CHANNELS.containsAll(channels)
                ? List.of(new FieldProblem("channels", "channel", "must be among " + USER_CHANNELS + ", got " + channels,
                        USER_CHANNELS))
                : List.of();
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        for (int attempt = 1; ; attempt++) {
            long version = config.get(NotificationSettings.NAME).version();
            JsonNode next = JsonText.MAPPER.valueToTree(config.current(NotificationSettings.DEFINITION)
                    .withPreference(caller.userId(), kind, channels));
            try {
                config.set(NotificationSettings.NAME, version, next, "preferences of " + caller.userId(), caller);
                return List.copyOf(channels);
            } catch (VersionConflictException concurrentEdit) {
                if (attempt == ATTEMPTS) {
                    throw concurrentEdit;
                }
            }
        }
    }
}

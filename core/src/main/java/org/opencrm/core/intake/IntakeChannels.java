package org.opencrm.core.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.access.Caller;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.config.ConfigVersion;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.store.JsonText;

/**
 * The channels in force, read from the versioned configuration on every delivery (edits apply at
 * once).
 */
public final class IntakeChannels {

    private final ConfigService config;

    public IntakeChannels(ConfigService config) {
        this.config = config;
    }

    public LeadChannels current() {
        return config.current(LeadChannels.DEFINITION);
    }

    public Optional<LeadChannels.Channel> find(String channelId) {
        return current().find(channelId);
    }

    /** The channel, or a BAD_USER_INPUT naming the channels there are. */
    public LeadChannels.Channel require(String channelId) {
        LeadChannels channels = current();
        return channels.find(channelId)
                .orElseThrow(
                        () ->
                                new ValidationException(
                                        new FieldProblem(
                                                "channel",
                                                "knownChannel",
                                                "must be one of: "
                                                        + String.join(
                                                                ", ", channels.channels().keySet())
                                                        + ", got "
                                                        + channelId,
                                                new ArrayList<>(channels.channels().keySet()))));
    }

    /** A channel that knows only canonical names: for records whose channel was removed since. */
    static LeadChannels.Channel canonicalOnly() {
        return new LeadChannels.Channel("canonical names only", Map.of());
    }

    /**
     * Adds or replaces one channel as a new version of {@code leadChannels}; the previous version
     * stays in the history and {@code rollbackConfig} can restore it.
     */
    public ConfigVersion setChannel(
            String channelId,
            long expectedVersion,
            String label,
            Map<String, String> aliases,
            String note,
            Caller caller) {
        LeadChannels next = current().with(channelId, new LeadChannels.Channel(label, aliases));
        JsonNode value = JsonText.MAPPER.valueToTree(next);
        return config.set(LeadChannels.NAME, expectedVersion, value, note, caller);
    }
}

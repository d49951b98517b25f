package org.opencrm.core.intake;

import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.config.ConfigDefinition;
import org.opencrm.core.error.FieldProblem;

/**
 * How lead webhooks must be signed (issue 18 item 5), run-time configuration {@code
 * webhookSigning}. Every channel signs {@code <delivery id>.<timestamp>.<body>}; a channel listed
 * in {@code bodyOnlyChannels} may still sign the body alone while its sender moves over (a
 * transition: without a timestamp its deliveries have no replay window, only the dedupe of repeated
 * bodies). Empty by default: new deployments accept signed timestamps only.
 */
public record WebhookSigning(List<String> bodyOnlyChannels) {

    public static final String NAME = "webhookSigning";
    private static final int MAX_CHANNELS = 100;

    public WebhookSigning {
        bodyOnlyChannels = bodyOnlyChannels == null ? List.of() : List.copyOf(bodyOnlyChannels);
    }

    public static final ConfigDefinition<WebhookSigning> DEFINITION =
            new ConfigDefinition<>(
                    NAME,
                    WebhookSigning.class,
                    new WebhookSigning(List.of()),
                    WebhookSigning::problems);

    public boolean bodyOnly(String channel) {
        return bodyOnlyChannels.contains(channel);
    }

    private static List<FieldProblem> problems(WebhookSigning signing) {
        List<FieldProblem> problems = new ArrayList<>();
        if (signing.bodyOnlyChannels().size() > MAX_CHANNELS) {
            problems.add(
                    new FieldProblem(
                            "value.bodyOnlyChannels",
                            "maxItems",
                            "at most "
                                    + MAX_CHANNELS
                                    + " channels, got "
                                    + signing.bodyOnlyChannels().size(),
                            MAX_CHANNELS));
        }
        for (int i = 0; i < signing.bodyOnlyChannels().size(); i++) {
            String channel = signing.bodyOnlyChannels().get(i);
            if (channel == null || channel.isBlank()) {
                problems.add(
                        FieldProblem.of(
                                "value.bodyOnlyChannels[" + i + "]",
                                "required",
                                "must name a channel"));
            }
        }
        return problems;
    }
}

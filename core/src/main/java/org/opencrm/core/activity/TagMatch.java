package org.opencrm.core.activity;

import java.util.Objects;

/**
 * An intent tag an activity earned, with the text that earned it.
 *
 * @param tag e.g. {@code TRIAL_INTENT}
 * @param matched the keyword as it stands in the activity's body, e.g. {@code 先试试}
 */
public record TagMatch(String tag, String matched) {

    public TagMatch {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(matched, "matched");
    }
}

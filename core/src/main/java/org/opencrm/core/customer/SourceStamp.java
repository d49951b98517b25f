package org.opencrm.core.customer;

import java.time.Instant;
import java.util.Objects;

/**
 * Which system last set a value and when (R-09, R-10): {@link #CRM} for a change made here, the
 * external system's name for a value taken from its export by a consistency arbitration.
 *
 * @param system {@code CRM}, {@code ERP}, {@code SERVICE_DESK}, ...
 * @param at when that system changed the value
 */
public record SourceStamp(String system, Instant at) {

    public static final String CRM = "CRM";
    private static final String SEPARATOR = "@";

    public SourceStamp {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(at, "at");
    }

    public static SourceStamp crm(Instant at) {
        return new SourceStamp(CRM, at);
    }

    /** As stored on the customer item: {@code SYSTEM@instant}. */
    public String text() {
        return system + SEPARATOR + at;
    }

    /** The stamp {@link #text} wrote. */
    public static SourceStamp parse(String text) {
        int at = text.lastIndexOf(SEPARATOR);
        return new SourceStamp(text.substring(0, at), Instant.parse(text.substring(at + 1)));
    }
}

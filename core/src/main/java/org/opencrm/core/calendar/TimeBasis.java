package org.opencrm.core.calendar;

/** Which time an SLA target is measured in ({@link SlaClock}). */
public enum TimeBasis {
    /** Only the business hours of working days count ({@link BusinessCalendar}). */
    BUSINESS,
    /** Every second counts, nights, weekends and holidays included. */
    CALENDAR
}

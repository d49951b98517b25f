package org.opencrm.infra.schedules;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule expression: {@code rate(5 minutes)} or {@code cron(minutes hours
 * day-of-month month day-of-week year)} in UTC. Cron fields support {@code * ? , - /} and names
 * (JAN, MON); the rarer {@code L W #} are not evaluated: such an expression fires every minute
 * instead, which {@link #approximation()} says.
 */
public final class ScheduleExpression {

    private static final Pattern RATE =
            Pattern.compile("rate\\((\\d+)\\s+(minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.+)\\)");
    private static final List<String> MONTHS =
            List.of(
                    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV",
                    "DEC");
    private static final List<String> DAYS =
            List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final int SEARCH_LIMIT_DAYS = 366 * 5;

    private final String text;
    private final Duration rate;
    private final CronFields cron;
    private final String approximation;

    /**
     * Parsed cron fields; each set holds the allowed values (day of week: 1 = Sunday, as in
     * EventBridge).
     */
    private record CronFields(
            BitSet minutes,
            BitSet hours,
            BitSet daysOfMonth,
            BitSet months,
            BitSet daysOfWeek,
            BitSet years) {}

    private ScheduleExpression(String text, Duration rate, CronFields cron, String approximation) {
        this.text = text;
        this.rate = rate;
        this.cron = cron;
        this.approximation = approximation;
    }

    public static ScheduleExpression parse(String text) {
        String trimmed = text.trim();
        Matcher rate = RATE.matcher(trimmed);
        if (rate.matches()) {
            long amount = Long.parseLong(rate.group(1));
            ChronoUnit unit =
                    switch (rate.group(2).replaceAll("s$", "")) {
                        case "minute" -> ChronoUnit.MINUTES;
                        case "hour" -> ChronoUnit.HOURS;
                        default -> ChronoUnit.DAYS;
                    };
            return new ScheduleExpression(trimmed, Duration.of(amount, unit), null, null);
        }
        Matcher cron = CRON.matcher(trimmed);
        if (!cron.matches()) {
            throw new IllegalArgumentException("not a rate(...) or cron(...) expression: " + text);
        }
        String[] fields = cron.group(1).trim().split("\\s+");
        if (fields.length != 6) {
            throw new IllegalArgumentException(
                    "cron needs 6 fields (minutes hours day-of-month month day-of-week year): "
                            + text);
        }
        if (cron.group(1).matches(".*[LW#].*")) {
            return new ScheduleExpression(
                    trimmed,
                    Duration.ofMinutes(1),
                    null,
                    "L/W/# are not evaluated locally; firing every minute instead");
        }
        return new ScheduleExpression(
                trimmed,
                null,
                new CronFields(
                        field(fields[0], 0, 59, List.of()), field(fields[1], 0, 23, List.of()),
                        field(fields[2], 1, 31, List.of()), field(fields[3], 1, 12, MONTHS),
                        field(fields[4], 1, 7, DAYS), field(fields[5], 1970, 2199, List.of())),
                null);
    }

    public String text() {
        return text;
    }

    /** Why the local cadence differs from AWS's, when it does. */
    public java.util.Optional<String> approximation() {
        return java.util.Optional.ofNullable(approximation);
    }

    /**
     * The next firing strictly after {@code after}. A rate counts from {@code start} (when the
     * schedule was set up, as EventBridge does); a cron matches wall-clock minutes in UTC.
     */
    public Instant nextAfter(Instant start, Instant after) {
        if (rate != null) {
            long elapsedPeriods = Duration.between(start, after).toMillis() / rate.toMillis();
            return start.plus(rate.multipliedBy(Math.max(0, elapsedPeriods) + 1));
        }
        ZonedDateTime candidate =
                after.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime limit = candidate.plusDays(SEARCH_LIMIT_DAYS);
        while (candidate.isBefore(limit)) {
            if (!dayMatches(candidate)) {
                candidate = candidate.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!cron.hours().get(candidate.getHour())) {
                candidate = candidate.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!cron.minutes().get(candidate.getMinute())) {
                candidate = candidate.plusMinutes(1);
            } else {
                return candidate.toInstant();
            }
        }
        throw new IllegalStateException(
                text + " never fires within " + SEARCH_LIMIT_DAYS + " days");
    }

    private boolean dayMatches(ZonedDateTime time) {
        int eventBridgeDayOfWeek =
                time.getDayOfWeek() == DayOfWeek.SUNDAY ? 1 : time.getDayOfWeek().getValue() + 1;
        return cron.years().get(time.getYear() - 1970)
                && cron.months().get(time.getMonthValue())
                && cron.daysOfMonth().get(time.getDayOfMonth())
                && cron.daysOfWeek().get(eventBridgeDayOfWeek);
    }

    /** One cron field as the set of values it allows; years are stored offset by 1970. */
    private static BitSet field(String field, int min, int max, List<String> names) {
        int offset = min >= 1970 ? 1970 : 0;
        BitSet allowed = new BitSet();
        for (String part : field.toUpperCase(Locale.ROOT).split(",")) {
            String[] stepped = part.split("/", 2);
            int step = stepped.length == 2 ? Integer.parseInt(stepped[1]) : 1;
            String range = stepped[0];
            int from;
            int to;
            if (range.equals("*") || range.equals("?")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] bounds = range.split("-", 2);
                from = value(bounds[0], min, names);
                to = value(bounds[1], min, names);
            } else {
                from = value(range, min, names);
                to = stepped.length == 2 ? max : from;
            }
            if (from < min || to > max || from > to || step < 1) {
                throw new IllegalArgumentException("cron field out of range: " + field);
            }
            for (int v = from; v <= to; v += step) {
                allowed.set(v - offset);
            }
        }
        return allowed;
    }

    private static int value(String token, int min, List<String> names) {
        int named = names.indexOf(token);
        return named >= 0 ? named + min : Integer.parseInt(token);
    }

    @Override
    public String toString() {
        return text;
    }
}

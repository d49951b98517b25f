package org.opencrm.core.calendar;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An SLA clock: it runs from {@link #start}, can be paused and resumed, stopped and
 * restarted, and measures the time it ran in business time or calendar time. Pure and immutable:
 * every event returns a new clock; the record's components are what a store keeps.
 *
 * <p>Semantics:
 *
 * <ul>
 *   <li>A pause freezes the elapsed time until the resume: time while paused never counts, in
 *       either {@link TimeBasis} (a ticket waiting for the customer).
 *   <li>A stop freezes it too (resolved, closed); a stop while paused is allowed.
 *   <li>A restart after a stop continues from the elapsed time so far: a reopened ticket's
 *       resolution clock does not reset, and a breach seen before stays a breach.
 *   <li>The deadline ({@link #dueAt}) is the instant the elapsed time reaches the target. While the
 *       clock is paused or stopped and has not reached the target, that instant is unknown: empty.
 *       Once reached, it is known for good, whatever happens after.
 *   <li>Events must come in time order and in a meaningful order (pause only while running, resume
 *       only while paused, stop unless stopped, restart only when stopped, none before the last
 *       event); anything else is the caller's bug and is refused with {@link
 *       IllegalStateException}, never recorded.
 * </ul>
 *
 * @param state running, paused or stopped
 * @param runs the finished stretches the clock ran, oldest first, not overlapping
 * @param runningSince when the current stretch began; present exactly while running
 * @param lastEventAt when the latest event happened; no event may come before it
 */
public record SlaClock(State state, List<Run> runs, Instant runningSince, Instant lastEventAt) {

    /** What the clock is doing. */
    public enum State {
        RUNNING,
        PAUSED,
        STOPPED
    }

    /** A finished stretch of running, [from, to). */
    public record Run(Instant from, Instant to) {
        public Run {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (to.isBefore(from)) {
                throw new IllegalArgumentException(
                        "a run ends after it begins: " + from + " " + to);
            }
        }
    }

    public SlaClock {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastEventAt, "lastEventAt");
        runs = List.copyOf(runs);
        if ((state == State.RUNNING) != (runningSince != null)) {
            throw new IllegalArgumentException(
                    "runningSince is set exactly while running: " + state + " " + runningSince);
        }
        for (int i = 1; i < runs.size(); i++) {
            if (runs.get(i).from().isBefore(runs.get(i - 1).to())) {
                throw new IllegalArgumentException("runs overlap or are out of order: " + runs);
            }
        }
    }

    /** A clock running since {@code at}. */
    public static SlaClock start(Instant at) {
        return new SlaClock(State.RUNNING, List.of(), at, at);
    }

    /** Freezes the elapsed time. */
    public SlaClock pause(Instant at) {
        requireState("pause", at, State.RUNNING);
        return new SlaClock(State.PAUSED, withCurrentRun(at), null, at);
    }

    /** Counts again from {@code at}. */
    public SlaClock resume(Instant at) {
        requireState("resume", at, State.PAUSED);
        return new SlaClock(State.RUNNING, runs, at, at);
    }

    /** Stops counting (resolved, closed); allowed while paused. */
    public SlaClock stop(Instant at) {
        requireState("stop", at, State.RUNNING, State.PAUSED);
        List<Run> finished = state == State.RUNNING ? withCurrentRun(at) : runs;
        return new SlaClock(State.STOPPED, finished, null, at);
    }

    /** Counts again from {@code at}, on top of the elapsed time so far (reopened). */
    public SlaClock restart(Instant at) {
        requireState("restart", at, State.STOPPED);
        return new SlaClock(State.RUNNING, runs, at, at);
    }

    /** The time the clock ran before {@code now}, in the given basis. */
    public Duration elapsed(Instant now, BusinessCalendar calendar, TimeBasis basis) {
        Duration total = Duration.ZERO;
        for (Run run : allRuns(now)) {
            if (run.from().isBefore(now)) {
                Instant end = run.to().isBefore(now) ? run.to() : now;
                total = total.plus(measure(run.from(), end, calendar, basis));
            }
        }
        return total;
    }

    /**
     * The instant the elapsed time reaches {@code target}: in a past run if it already did, else
     * from the current run if the clock is running; empty while paused or stopped short of it.
     */
    public Optional<Instant> dueAt(Duration target, BusinessCalendar calendar, TimeBasis basis) {
        if (target.isNegative()) {
            throw new IllegalArgumentException("an SLA target must not be negative, got " + target);
        }
        Duration remaining = target;
        for (Run run : runs) {
            Duration ran = measure(run.from(), run.to(), calendar, basis);
            if (ran.compareTo(remaining) >= 0) {
                return Optional.of(plus(run.from(), remaining, calendar, basis));
            }
            remaining = remaining.minus(ran);
        }
        if (state != State.RUNNING) {
            return Optional.empty();
        }
        return Optional.of(plus(runningSince, remaining, calendar, basis));
    }

    /** Whether {@code now} is past the deadline; once true, true for every later {@code now}. */
    public boolean breached(
            Duration target, Instant now, BusinessCalendar calendar, TimeBasis basis) {
        return dueAt(target, calendar, basis).map(now::isAfter).orElse(false);
    }

    private List<Run> allRuns(Instant now) {
        if (state != State.RUNNING || !now.isAfter(runningSince)) {
            return runs;
        }
        List<Run> all = new ArrayList<>(runs);
        all.add(new Run(runningSince, now));
        return all;
    }

    private List<Run> withCurrentRun(Instant at) {
        List<Run> finished = new ArrayList<>(runs);
        finished.add(new Run(runningSince, at));
        return finished;
    }

    private void requireState(String event, Instant at, State... allowed) {
        Objects.requireNonNull(at, "at");
        if (at.isBefore(lastEventAt)) {
            throw new IllegalStateException(
                    event + " at " + at + " comes before the last event at " + lastEventAt);
        }
        if (!List.of(allowed).contains(state)) {
            throw new IllegalStateException("cannot " + event + " a clock that is " + state);
        }
    }

    private static Duration measure(
            Instant from, Instant to, BusinessCalendar calendar, TimeBasis basis) {
        return basis == TimeBasis.BUSINESS
                ? calendar.businessTimeBetween(from, to)
                : Duration.between(from, to);
    }

    private static Instant plus(
            Instant from, Duration amount, BusinessCalendar calendar, TimeBasis basis) {
        return basis == TimeBasis.BUSINESS
                ? calendar.plusBusinessTime(from, amount)
                : from.plus(amount);
    }
}

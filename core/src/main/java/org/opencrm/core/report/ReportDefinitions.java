package org.opencrm.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencrm.core.access.Caller;
import org.opencrm.core.config.ConfigDefinitions;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.config.ConfigStore;
import org.opencrm.core.config.ConfigVersion;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;

/**
 * Versioned report definitions, kept in the one configuration store like every run-time
 * configuration, but changed only here: a change needs a change note and a finance change ticket
 * ({@code FIN-20260215-003}). They are not among the administrators' configurations
 * (CoreServices.CONFIGURATIONS), so {@code setConfiguration} cannot change one without a ticket.
 *
 * <p>The ticket heads the stored version's note ({@code FIN-20260215-003 the note}), so the version
 * history keeps both without a second kind of version.
 */
public final class ReportDefinitions {

    public static final ConfigDefinitions DEFINITIONS =
            new ConfigDefinitions(List.of(RevenueDefinition.DEFINITION));

    /** The shape of a change ticket, as problems report it. */
    public static final String TICKET_SHAPE = "FIN-YYYYMMDD-NNN";

    private static final Pattern TICKET = Pattern.compile("FIN-(\\d{8})-\\d{3}");
    private static final Pattern TICKETED_NOTE =
            Pattern.compile("(FIN-\\d{8}-\\d{3}) (.*)", Pattern.DOTALL);
    private static final DateTimeFormatter TICKET_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
    private static final String TYPE = "Report definition version";

    private final ConfigService versions;
    private final ConfigStore store;

    public ReportDefinitions(ConfigStore store, Clock clock) {
        this.store = store;
        this.versions = new ConfigService(store, clock, DEFINITIONS);
    }

    /**
     * Writes the next version. Refused whole, every problem named, without a change note or with a
     * ticket not shaped like {@link #TICKET_SHAPE}; with VERSION_CONFLICT when {@code
     * expectedVersion} is not the latest.
     */
    public ReportDefinitionVersion set(Change change, Caller caller) {
        List<FieldProblem> problems = new ArrayList<>();
        if (change.changeNote() == null || change.changeNote().isBlank()) {
            problems.add(
                    FieldProblem.of(
                            "changeNote", "required", "must say why the definition changes"));
        }
        ticketProblem(change.changeTicket()).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        String note = change.changeTicket().strip() + " " + change.changeNote().strip();
        try {
            return shown(
                    versions.set(
                            change.name(),
                            change.expectedVersion(),
                            change.definition(),
                            note,
                            caller));
        } catch (ValidationException invalid) {
            throw new ValidationException(
                    invalid.problems().stream().map(ReportDefinitions::asInput).toList());
        }
    }

    /**
     * A change of a report definition, as {@code setReportDefinition} sends it.
     *
     * @param expectedVersion the version the change was made from (0 while never changed)
     */
    public record Change(
            String name,
            long expectedVersion,
            JsonNode definition,
            String changeNote,
            String changeTicket) {}

    /** The latest version, or version 0 (the built-in definition) while never changed. */
    public ReportDefinitionVersion current(String name) {
        return shown(versions.get(name));
    }

    /** One version; 0 is the built-in definition. */
    public ReportDefinitionVersion version(String name, long version) {
        DEFINITIONS.require(name);
        if (version == 0) {
            return shown(builtIn(name));
        }
        return store.find(name, version)
                .map(ReportDefinitions::shown)
                .orElseThrow(() -> new NotFoundException(TYPE, name + "/" + version));
    }

    /** Newest first; version 0 is not stored and not listed. */
    public Page<ReportDefinitionVersion> history(String name, PageRequest page) {
        return versions.history(name, page).map(ReportDefinitions::shown);
    }

    /** The revenue definition of {@code version}, or the current one when it is null. */
    public Versioned<RevenueDefinition> revenue(Long version) {
        ReportDefinitionVersion chosen =
                version == null
                        ? current(RevenueDefinition.NAME)
                        : version(RevenueDefinition.NAME, version);
        return new Versioned<>(
                chosen.version(), RevenueDefinition.DEFINITION.parse(chosen.definition()));
    }

    /** A definition with the version that holds it. */
    public record Versioned<T>(long version, T definition) {}

    private static ConfigVersion builtIn(String name) {
        return new ConfigVersion(
                name,
                0,
                DEFINITIONS.require(name).defaultValue(),
                ConfigService.DEFAULT_AUTHOR,
                Instant.EPOCH,
                "built-in default",
                null);
    }

    private static Optional<FieldProblem> ticketProblem(String ticket) {
        if (ticket == null || ticket.isBlank()) {
            return Optional.of(
                    new FieldProblem(
                            "changeTicket",
                            "required",
                            "must name the approving change ticket, e.g. FIN-20260215-003",
                            TICKET_SHAPE));
        }
        Matcher matcher = TICKET.matcher(ticket.strip());
        if (!matcher.matches() || !isDate(matcher.group(1))) {
            return Optional.of(
                    new FieldProblem(
                            "changeTicket",
                            "pattern",
                            "must be shaped like FIN-20260215-003 (FIN-, a date, -, three digits)",
                            TICKET_SHAPE));
        }
        return Optional.empty();
    }

    private static boolean isDate(String digits) {
        try {
            LocalDate.parse(digits, TICKET_DATE);
            return true;
        } catch (DateTimeParseException notADate) {
            return false;
        }
    }

    /**
     * ConfigService names the value {@code value} and the note {@code note}; our input does not.
     */
    private static FieldProblem asInput(FieldProblem problem) {
        String field = problem.field();
        if (field.equals("value") || field.startsWith("value.")) {
            field = "definition" + field.substring("value".length());
        } else if (field.equals("note")) {
            field = "changeNote";
        }
        return new FieldProblem(field, problem.rule(), problem.message(), problem.limit());
    }

    private static ReportDefinitionVersion shown(ConfigVersion version) {
        Matcher ticketed = TICKETED_NOTE.matcher(version.note() == null ? "" : version.note());
        boolean hasTicket = version.version() > 0 && ticketed.matches();
        return new ReportDefinitionVersion(
                version.name(),
                version.version(),
                version.value(),
                version.author(),
                version.at(),
                hasTicket ? ticketed.group(1) : null,
                hasTicket ? ticketed.group(2) : version.note());
    }
}

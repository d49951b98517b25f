package org.opencrm.core.deal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.opencrm.core.config.ConfigDefinition;
import org.opencrm.core.error.FieldProblem;

/**
 * The sales pipeline: run-time configuration {@code pipeline}, versioned and rolled back
 * like every other. The stages' order is the order deals move forward in.
 *
 * @param stages the stages in pipeline order; exactly one WON ({@code SIGNED}) and one LOST ({@code
 *     LOST}) stage, the rest OPEN
 * @param noSkip forward moves go to the next stage only
 * @param noBackwards no move back to an earlier open stage (by default one step back is allowed)
 */
public record Pipeline(List<PipelineStage> stages, boolean noSkip, boolean noBackwards) {

    public static final String NAME = "pipeline";
    public static final int MAX_LABEL = 40;
    public static final int MAX_STALE_DAYS = 365;
    public static final int MAX_REQUIREMENTS = 10;

    /** The deal fields a requirement may name, and which of them are numbers. */
    public static final Set<String> REQUIRABLE_FIELDS =
            Set.of("title", "amount", "expectedCloseDate", "grossMarginPercent", "nextStep");

    public static final Set<String> NUMERIC_FIELDS = Set.of("amount", "grossMarginPercent");
    private static final Pattern ATTACHMENT_KIND = Pattern.compile("^[A-Z][A-Z0-9_]{1,39}$");

    public Pipeline {
        stages = stages == null ? List.of() : List.copyOf(stages);
    }

    public static final ConfigDefinition<Pipeline> DEFINITION =
            new ConfigDefinition<>(NAME, Pipeline.class, defaults(), Pipeline::problems);

    /**
     * R-15's stages; contract approval needs a legal opinion and a gross margin of at least 35 %,
     * negotiation goes stale after 14 days.
     */
    static Pipeline defaults() {
        return new Pipeline(
                List.of(
                        open(DealStage.NEW, "New", 5, 14, List.of()),
                        open(DealStage.CONTACTED, "Contacted", 10, 14, List.of()),
                        open(DealStage.NEEDS_CONFIRMED, "Needs confirmed", 20, 21, List.of()),
                        open(DealStage.DEMO, "Demo", 40, 21, List.of()),
                        open(
                                DealStage.NEGOTIATION,
                                "Negotiation",
                                60,
                                14,
                                List.of(StageRequirement.present("amount"))),
                        open(
                                DealStage.CONTRACT_APPROVAL,
                                "Contract approval",
                                80,
                                7,
                                List.of(
                                        StageRequirement.attachment("LEGAL_OPINION"),
                                        StageRequirement.atLeast("grossMarginPercent", 35))),
                        new PipelineStage(
                                DealStage.SIGNED, "Signed", StageType.WON, 100, null, List.of()),
                        new PipelineStage(
                                DealStage.LOST, "Lost", StageType.LOST, 0, null, List.of())),
                false,
                false);
    }

    private static PipelineStage open(
            DealStage id,
            String label,
            int winRate,
            int staleAfterDays,
            List<StageRequirement> requires) {
        return new PipelineStage(id, label, StageType.OPEN, winRate, staleAfterDays, requires);
    }

    public Optional<PipelineStage> stage(DealStage id) {
        return stages.stream().filter(stage -> stage.id() == id).findFirst();
    }

    /** The stage's place in the pipeline, or -1 when the pipeline does not use it. */
    public int indexOf(DealStage id) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    /** Where a new deal starts: the first stage. */
    public DealStage firstStage() {
        return stages.get(0).id();
    }

    static List<FieldProblem> problems(Pipeline value) {
        List<FieldProblem> problems = new ArrayList<>();
        if (value.stages().size() < 3) {
            problems.add(
                    new FieldProblem(
                            "value.stages",
                            "itemCount",
                            "needs at least an open, the won and the lost stage",
                            3));
            return problems;
        }
        Set<DealStage> seen = EnumSet.noneOf(DealStage.class);
        for (int i = 0; i < value.stages().size(); i++) {
            problems.addAll(stageProblems("value.stages." + i, value.stages().get(i), seen));
        }
        if (!seen.contains(DealStage.SIGNED) || !seen.contains(DealStage.LOST)) {
            problems.add(
                    FieldProblem.of(
                            "value.stages",
                            "wonAndLost",
                            "must contain SIGNED (won) and LOST (lost)"));
        }
        if (!value.stages().isEmpty() && value.stages().get(0).type() != StageType.OPEN) {
            problems.add(
                    FieldProblem.of("value.stages.0", "openFirst", "the first stage must be open"));
        }
        return problems;
    }

    private static List<FieldProblem> stageProblems(
            String path, PipelineStage stage, Set<DealStage> seen) {
        if (stage == null || stage.id() == null) {
            return List.of(FieldProblem.of(path + ".id", "required", "every stage needs an id"));
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (!seen.add(stage.id())) {
            problems.add(FieldProblem.of(path + ".id", "unique", "is listed twice: " + stage.id()));
        }
        if (stage.type() != expectedType(stage.id())) {
            problems.add(
                    new FieldProblem(
                            path + ".type",
                            "stageType",
                            stage.id() + " must be " + expectedType(stage.id()),
                            expectedType(stage.id()).name()));
        }
        if (stage.label() == null
                || stage.label().isBlank()
                || stage.label().length() > MAX_LABEL) {
            problems.add(
                    new FieldProblem(
                            path + ".label",
                            "length",
                            "must be 1 to " + MAX_LABEL + " characters",
                            MAX_LABEL));
        }
        ConfigDefinition.outOfRange(
                        path.substring(ConfigDefinition.FIELD.length() + 1) + ".winRatePercent",
                        stage.winRatePercent(),
                        0,
                        100)
                .ifPresent(problems::add);
        Integer stale = stage.staleAfterDays();
        if (stale != null && (stale < 1 || stale > MAX_STALE_DAYS)) {
            problems.add(
                    new FieldProblem(
                            path + ".staleAfterDays",
                            "range",
                            "must be 1 to " + MAX_STALE_DAYS + " days, or left out",
                            MAX_STALE_DAYS));
        }
        if (stage.requires().size() > MAX_REQUIREMENTS) {
            problems.add(
                    new FieldProblem(
                            path + ".requires",
                            "itemCount",
                            "at most " + MAX_REQUIREMENTS + " requirements",
                            MAX_REQUIREMENTS));
        }
        for (int i = 0; i < stage.requires().size(); i++) {
            requirementProblem(path + ".requires." + i, stage.requires().get(i))
                    .ifPresent(problems::add);
        }
        return problems;
    }

    private static StageType expectedType(DealStage id) {
        return switch (id) {
            case SIGNED -> StageType.WON;
            case LOST -> StageType.LOST;
            default -> StageType.OPEN;
        };
    }

    private static Optional<FieldProblem> requirementProblem(
            String path, StageRequirement requirement) {
        if (requirement == null || !StageRequirement.RULES.contains(requirement.rule())) {
            return Optional.of(
                    new FieldProblem(
                            path + ".rule",
                            "allowedRule",
                            "must be one of " + StageRequirement.RULES,
                            StageRequirement.RULES));
        }
        if (StageRequirement.ATTACHMENT.equals(requirement.rule())) {
            boolean kindOk =
                    requirement.attachmentKind() != null
                            && ATTACHMENT_KIND.matcher(requirement.attachmentKind()).matches();
            return kindOk
                    ? Optional.empty()
                    : Optional.of(
                            new FieldProblem(
                                    path + ".attachmentKind",
                                    "pattern",
                                    "an attachment rule names a kind such as LEGAL_OPINION",
                                    ATTACHMENT_KIND.pattern()));
        }
        if (!REQUIRABLE_FIELDS.contains(requirement.field())) {
            return Optional.of(
                    new FieldProblem(
                            path + ".field",
                            "requirableField",
                            "must be one of " + REQUIRABLE_FIELDS.stream().sorted().toList(),
                            REQUIRABLE_FIELDS.stream().sorted().toList()));
        }
        if (StageRequirement.PRESENT.equals(requirement.rule())) {
            return Optional.empty();
        }
        if (!NUMERIC_FIELDS.contains(requirement.field()) || requirement.limit() == null) {
            return Optional.of(
                    new FieldProblem(
                            path + ".limit",
                            "numericLimit",
                            "a numeric rule names a number field "
                                    + NUMERIC_FIELDS.stream().sorted().toList()
                                    + " and a limit",
                            NUMERIC_FIELDS.stream().sorted().toList()));
        }
        return Optional.empty();
    }
}

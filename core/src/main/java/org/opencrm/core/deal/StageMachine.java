package org.opencrm.core.deal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which moves the pipeline allows and what each needs, as one pure answer: every condition
 * of the move, met or not. {@code stageRequirements} shows them as a checklist; {@code moveDeal}
 * refuses while any is unmet, listing all of them.
 *
 * <p>Forward moves may skip stages unless the pipeline says {@code noSkip}, but never their
 * evidence: entering a stage needs its own requirements and those of every stage skipped on the
 * way. Back moves go one step, unless {@code noBackwards}. Any open deal may be lost with a reason
 * from {@code dealLostReasons}; a lost deal may be reopened in the stage it was lost in. A won deal
 * is closed.
 */
public final class StageMachine {

    public static final String TO_STAGE = "toStage";
    public static final String LOST_REASON = "lostReasonId";

    private StageMachine() {}

    /** The move's conditions: the transition itself first, then each requirement. */
    public static List<RequirementCheck> check(
            Pipeline pipeline, DealFacts deal, DealStage to, LostReasonChoice lostReason) {
        Optional<RequirementCheck> refusedTransition = transitionRefusal(pipeline, deal, to);
        if (refusedTransition.isPresent()) {
            return List.of(refusedTransition.get());
        }
        List<RequirementCheck> checks = new ArrayList<>();
        checks.add(transitionAllowed(deal.stage(), to));
        PipelineStage target = pipeline.stage(to).orElseThrow();
        if (target.type() == StageType.LOST) {
            checks.add(lostReasonCheck(lostReason));
            return checks;
        }
        int from = pipeline.indexOf(deal.stage());
        int into = pipeline.indexOf(to);
        if (deal.stage() == DealStage.LOST || into < from) {
            return checks;
        }
        for (int i = from + 1; i <= into; i++) {
            for (StageRequirement requirement : pipeline.stages().get(i).requires()) {
                checks.add(requirementCheck(requirement, deal));
            }
        }
        return checks;
    }

    public static List<RequirementCheck> unmet(List<RequirementCheck> checks) {
        return checks.stream().filter(check -> !check.met()).toList();
    }

    /** The reason a lost move names, and the ids configured. */
    public record LostReasonChoice(String reasonId, List<String> allowedIds) {

        public LostReasonChoice {
            allowedIds = allowedIds == null ? List.of() : List.copyOf(allowedIds);
        }
    }

    private static Optional<RequirementCheck> transitionRefusal(
            Pipeline pipeline, DealFacts deal, DealStage to) {
        DealStage from = deal.stage();
        if (pipeline.indexOf(to) < 0) {
            return refused(from, to, "stageInPipeline", "the pipeline has no stage " + to);
        }
        if (from == to) {
            return refused(from, to, "differentStage", "the deal is in " + to + " already");
        }
        StageType fromType = pipeline.stage(from).map(PipelineStage::type).orElse(StageType.OPEN);
        if (fromType == StageType.WON) {
            return refused(from, to, "closedWon", "a won deal is closed");
        }
        if (fromType == StageType.LOST) {
            return to == deal.lostIn()
                    ? Optional.empty()
                    : refused(
                            from,
                            to,
                            "reopenWhereLost",
                            "a lost deal reopens in the stage it was lost in, " + deal.lostIn());
        }
        if (pipeline.stage(to).orElseThrow().type() == StageType.LOST) {
            return Optional.empty();
        }
        return stepRefusal(pipeline, from, to);
    }

    private static Optional<RequirementCheck> stepRefusal(
            Pipeline pipeline, DealStage from, DealStage to) {
        int step = pipeline.indexOf(to) - pipeline.indexOf(from);
        if (step > 1 && pipeline.noSkip()) {
            return refused(from, to, "noSkip", "stages may not be skipped: move to the next one");
        }
        if (step < 0 && pipeline.noBackwards()) {
            return refused(from, to, "noBackwards", "deals may not move back");
        }
        if (step < -1) {
            return refused(from, to, "backOneStep", "a deal moves back one stage at a time");
        }
        return Optional.empty();
    }

    private static Optional<RequirementCheck> refused(
            DealStage from, DealStage to, String rule, String why) {
        return Optional.of(
                new RequirementCheck(
                        from + " -> " + to,
                        TO_STAGE,
                        rule,
                        null,
                        false,
                        "cannot move from " + from + " to " + to + ": " + why));
    }

    private static RequirementCheck transitionAllowed(DealStage from, DealStage to) {
        return new RequirementCheck(
                from + " -> " + to,
                TO_STAGE,
                "allowedTransition",
                null,
                true,
                "the pipeline allows " + from + " -> " + to);
    }

    private static RequirementCheck lostReasonCheck(LostReasonChoice choice) {
        boolean met =
                choice != null
                        && choice.reasonId() != null
                        && choice.allowedIds().contains(choice.reasonId());
        List<String> allowed = choice == null ? List.of() : choice.allowedIds();
        return new RequirementCheck(
                "a lost reason",
                LOST_REASON,
                "allowedReason",
                allowed,
                met,
                met
                        ? "lost because of " + choice.reasonId()
                        : "a lost deal needs a reason, one of " + allowed);
    }

    private static RequirementCheck requirementCheck(StageRequirement requirement, DealFacts deal) {
        boolean met = meets(requirement, deal);
        return new RequirementCheck(
                requirement.describe(),
                requirement.field(),
                requirement.rule(),
                requirement.shownLimit(),
                met,
                met ? requirement.describe() + ": met" : missing(requirement, deal));
    }

    private static boolean meets(StageRequirement requirement, DealFacts deal) {
        Object value = deal.fields().get(requirement.field());
        return switch (requirement.rule()) {
            case StageRequirement.PRESENT -> value != null && !value.toString().isBlank();
            case StageRequirement.AT_LEAST ->
                    value instanceof Number number && number.longValue() >= requirement.limit();
            case StageRequirement.AT_MOST ->
                    value instanceof Number number && number.longValue() <= requirement.limit();
            case StageRequirement.ATTACHMENT ->
                    deal.attachmentKinds().contains(requirement.attachmentKind());
            default -> false;
        };
    }

    private static String missing(StageRequirement requirement, DealFacts deal) {
        Object value = deal.fields().get(requirement.field());
        return switch (requirement.rule()) {
            case StageRequirement.ATTACHMENT ->
                    "needs a " + requirement.attachmentKind() + " attachment";
            case StageRequirement.PRESENT -> requirement.field() + " is required";
            default ->
                    "needs "
                            + requirement.describe()
                            + ", is "
                            + (value == null ? "not set" : value);
        };
    }
}

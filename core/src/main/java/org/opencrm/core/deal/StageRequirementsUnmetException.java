package org.opencrm.core.deal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.opencrm.core.error.CrmException;
import org.opencrm.core.error.ErrorCode;

/**
 * A move the pipeline refuses: every unmet condition at once, so the app can show the whole
 * checklist instead of one problem per attempt.
 */
public final class StageRequirementsUnmetException extends CrmException {

    private final DealStage toStage;
    private final List<RequirementCheck> unmet;

    public StageRequirementsUnmetException(DealStage toStage, List<RequirementCheck> unmet) {
        super(
                "cannot move to "
                        + toStage
                        + ": "
                        + unmet.stream()
                                .map(RequirementCheck::message)
                                .collect(Collectors.joining("; ")));
        this.toStage = toStage;
        this.unmet = List.copyOf(unmet);
    }

    public List<RequirementCheck> unmet() {
        return unmet;
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.STAGE_REQUIREMENTS_UNMET;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("toStage", toStage.name());
        details.put("unmet", unmet.stream().map(StageRequirementsUnmetException::asMap).toList());
        return details;
    }

    /** One check as {@code extensions.unmet} shows it; a null limit is left out, not "null". */
    private static Map<String, Object> asMap(RequirementCheck check) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("requirement", check.requirement());
        shown.put("field", check.field());
        shown.put("rule", check.rule());
        if (check.limit() != null) {
            shown.put("limit", check.limit());
        }
        shown.put("met", check.met());
        shown.put("message", check.message());
        return shown;
    }
}

package org.opencrm.core.deal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

class PipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> problemRules(String json) throws Exception {
        try {
            Pipeline.DEFINITION.parse(JSON.readTree(json));
            return List.of();
        } catch (ValidationException refused) {
            return refused.problems().stream().map(FieldProblem::rule).toList();
        }
    }

    @Test
    void theDefaultPipeline_isR15s_withContractApprovalEvidence() {
        Pipeline pipeline = Pipeline.defaults();

        assertEquals(DealStage.NEW, pipeline.firstStage());
        assertEquals(8, pipeline.stages().size());
        assertEquals(
                List.of(
                        StageRequirement.attachment("LEGAL_OPINION"),
                        StageRequirement.atLeast("grossMarginPercent", 35)),
                pipeline.stage(DealStage.CONTRACT_APPROVAL).orElseThrow().requires());
        assertEquals(14, pipeline.stage(DealStage.NEGOTIATION).orElseThrow().staleAfterDays());
    }

    @Test
    void aStoredPipeline_roundTripsThroughItsJson() throws Exception {
        Pipeline pipeline = Pipeline.defaults();

        Pipeline read = Pipeline.DEFINITION.parse(Pipeline.DEFINITION.toJson(pipeline));

        assertEquals(pipeline, read);
    }

    @Test
    void aPipelineWithoutTheLostStage_orWithAWrongType_isRefused() throws Exception {
        String noLost =
                "{\"stages\":[{\"id\":\"NEW\",\"label\":\"New\",\"type\":\"OPEN\","
                        + "\"winRatePercent\":5},{\"id\":\"SIGNED\",\"label\":\"Won\","
                        + "\"type\":\"OPEN\",\"winRatePercent\":100},{\"id\":\"DEMO\","
                        + "\"label\":\"Demo\",\"type\":\"OPEN\",\"winRatePercent\":101}]}";

        List<String> rules = problemRules(noLost);

        assertTrue(rules.contains("stageType"), rules.toString());
        assertTrue(rules.contains("range"), rules.toString());
        assertTrue(rules.contains("wonAndLost"), rules.toString());
    }

    @Test
    void requirementsNamingUnknownFields_orNumericRulesOnText_areRefused() throws Exception {
        String json =
                "{\"stages\":[{\"id\":\"NEW\",\"label\":\"New\",\"type\":\"OPEN\","
                        + "\"winRatePercent\":5,\"requires\":[{\"rule\":\"present\","
                        + "\"field\":\"secret\"},{\"rule\":\"atLeast\",\"field\":\"title\","
                        + "\"limit\":3},{\"rule\":\"attachment\",\"attachmentKind\":\"x\"},"
                        + "{\"rule\":\"maybe\",\"field\":\"title\"}]},{\"id\":\"SIGNED\","
                        + "\"label\":\"Won\",\"type\":\"WON\",\"winRatePercent\":100},"
                        + "{\"id\":\"LOST\",\"label\":\"Lost\",\"type\":\"LOST\","
                        + "\"winRatePercent\":0}]}";

        assertEquals(
                List.of("requirableField", "numericLimit", "pattern", "allowedRule"),
                problemRules(json));
    }
}

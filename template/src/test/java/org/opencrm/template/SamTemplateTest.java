package org.opencrm.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamTemplateTest {

    private static final Path PROJECT_TEMPLATE = Path.of("../template.yaml");
    private static final String REGION = "cn-north-1";
    private static final String ACCOUNT = "123456789012";

    @Test
    void parameterOverride_namesEveryStageResource_asSamDeployWould() throws Exception {
        // GIVEN the project template deployed with Stage=prod
        SamTemplate template =
                SamTemplate.load(PROJECT_TEMPLATE, REGION, ACCOUNT, Map.of("Stage", "prod"));

        // WHEN its tables and functions are read
        List<TableSpec> tables = TableSpec.allIn(template);
        FunctionSpec api =
                FunctionSpec.allIn(template).stream()
                        .filter(function -> function.logicalId().equals("GraphqlApiFunction"))
                        .findFirst()
                        .orElseThrow();

        // THEN names and the functions' environment name carry the stage
        assertTrue(tables.stream().allMatch(table -> table.tableName().startsWith("crm-prod-")));
        assertEquals("prod", api.environment().get("CRM_ENVIRONMENT"));
        assertEquals("crm-prod-customers", api.environment().get("CUSTOMERS_TABLE"));
    }

    @Test
    void parameterOverride_outsideTheAllowedValues_isRefusedNamingThem() {
        // GIVEN a stage the template does not allow
        // WHEN the template is loaded with it
        IllegalArgumentException refused =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                SamTemplate.load(
                                        PROJECT_TEMPLATE,
                                        REGION,
                                        ACCOUNT,
                                        Map.of("Stage", "production")));

        // THEN the message says what is allowed
        assertEquals(
                "Stage must be one of [dev, staging, prod], got production", refused.getMessage());
    }

    @Test
    void parameterOverride_ofAParameterTheTemplateLacks_isRefused() {
        // GIVEN / WHEN a parameter the template does not declare
        IllegalArgumentException refused =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                SamTemplate.load(
                                        PROJECT_TEMPLATE,
                                        REGION,
                                        ACCOUNT,
                                        Map.of("Stagee", "prod")));

        // THEN
        assertTrue(refused.getMessage().startsWith("the template has no parameter Stagee"));
    }
}

package org.opencrm.infra.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencrm.infra.Json;
import org.opencrm.infra.TestSupport;
import org.opencrm.template.CloudFormationYaml;

/**
 * template.yaml against the published SAM schema (draft-04), which lives next to the project:
 * {@code <project root>/../shared/schemas/sam.schema.json}. CI always has it.
 */
class TemplateSchemaTest {

    private static final Path SCHEMA =
            TestSupport.PROJECT_TEMPLATE.getParent().resolve("../shared/schemas/sam.schema.json");
    private static JsonSchema samSchema;

    @BeforeAll
    static void loadSchema() throws Exception {
        assumeTrue(Files.exists(SCHEMA), "no SAM schema at " + SCHEMA.toAbsolutePath().normalize());
        samSchema =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                        .getSchema(Json.MAPPER.readTree(SCHEMA.toFile()));
    }

    private static ObjectNode templateAsJson(Path template) throws Exception {
        return Json.MAPPER.valueToTree(CloudFormationYaml.read(template));
    }

    @Test
    void projectTemplate_isValidAgainstTheSamSchema() throws Exception {
        Set<ValidationMessage> problems =
                samSchema.validate(templateAsJson(TestSupport.PROJECT_TEMPLATE));

        assertEquals(Set.of(), problems);
    }

    @Test
    void fixtureTemplate_isValidAgainstTheSamSchema() throws Exception {
        assertEquals(Set.of(), samSchema.validate(templateAsJson(TestSupport.FIXTURE_TEMPLATE)));
    }

    @Test
    void filesFixtureTemplate_isValidAgainstTheSamSchema() throws Exception {
        assertEquals(
                Set.of(),
                samSchema.validate(
                        templateAsJson(Path.of("src/test/resources/files-template.yaml"))));
    }

    @Test
    void schemaValidation_rejectsAMisshapenS3Event() throws Exception {
        ObjectNode template = templateAsJson(TestSupport.PROJECT_TEMPLATE);
        ((ObjectNode)
                        template.at(
                                "/Resources/FileArrivedFunction/Properties/Events/Uploaded/Properties"))
                .put("Prefix", "uploads/");

        assertFalse(
                samSchema.validate((JsonNode) template).isEmpty(),
                "S3 event properties are a closed set (the prefix goes under Filter)");
    }

    @Test
    void schemaValidation_rejectsAFunctionPropertyOfTheWrongType() throws Exception {
        ObjectNode template = templateAsJson(TestSupport.PROJECT_TEMPLATE);
        functionProperties(template).put("AutoPublishAlias", 42);

        assertFalse(
                samSchema.validate((JsonNode) template).isEmpty(),
                "AutoPublishAlias must be a string");
    }

    @Test
    void schemaValidation_rejectsAMisspelledFunctionProperty() throws Exception {
        ObjectNode template = templateAsJson(TestSupport.PROJECT_TEMPLATE);
        functionProperties(template).put("Handlr", "x.Y::handleRequest");

        assertFalse(
                samSchema.validate((JsonNode) template).isEmpty(),
                "Function properties are a closed set");
    }

    private static ObjectNode functionProperties(ObjectNode template) {
        return (ObjectNode) template.at("/Resources/GraphqlApiFunction/Properties");
    }
}

package org.opencrm.infra.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencrm.infra.aws.LocalAws;
import org.opencrm.template.FunctionEvent;
import org.opencrm.template.FunctionSpec;
import org.opencrm.template.SamTemplate;

/**
 * Every {@code Handler} names a class on the classpath (infra has crm-functions at runtime, as
 * Lambda has the jar) that implements {@code RequestHandler} with the input type its events
 * deliver. The fixture template proves the check itself; the project template needs the functions
 * module installed.
 */
class HandlerClassesTest {

    private static final Map<String, Class<?>> INPUT_BY_EVENT_TYPE =
            Map.of(
                    "HttpApi", APIGatewayV2HTTPEvent.class,
                    "DynamoDB", DynamodbEvent.class,
                    "SQS", SQSEvent.class,
                    "S3", S3Event.class,
                    "Schedule", ScheduledEvent.class,
                    "ScheduleV2", ScheduledEvent.class);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../template.yaml",
                "src/test/resources/fixture-template.yaml",
                "src/test/resources/files-template.yaml"
            })
    void everyHandler_isARequestHandlerOfTheInputItsEventsDeliver(String templateFile)
            throws Exception {
        List<FunctionSpec> functions =
                FunctionSpec.allIn(
                        SamTemplate.load(
                                Path.of(templateFile), LocalAws.REGION, LocalAws.ACCOUNT_ID));
        assertFalse(functions.isEmpty());

        for (FunctionSpec function : functions) {
            Class<?> handler = load(function);
            assertTrue(
                    RequestHandler.class.isAssignableFrom(handler),
                    handler + " implements RequestHandler");
            assertEquals("handleRequest", function.handlerMethod(), function.logicalId());
            Type input =
                    requestHandlerInput(handler)
                            .orElseThrow(
                                    () -> new AssertionError(handler + ": raw RequestHandler"));
            Set<Class<?>> expected =
                    function.events().stream()
                            .map(FunctionEvent::type)
                            .map(INPUT_BY_EVENT_TYPE::get)
                            .collect(Collectors.toSet());
            assertEquals(
                    1,
                    expected.size(),
                    function.logicalId() + ": events of one input type, all known: " + expected);
            assertEquals(expected.iterator().next(), input, function.logicalId() + " input type");
        }
    }

    private static Class<?> load(FunctionSpec function) {
        try {
            return Class.forName(
                    function.handlerClass(), false, HandlerClassesTest.class.getClassLoader());
        } catch (ClassNotFoundException missing) {
            return fail(
                    function.logicalId()
                            + ": handler class "
                            + function.handlerClass()
                            + " is not on the classpath (is crm-functions installed?)");
        }
    }

    /** Resolves {@code I} of {@code RequestHandler<I, O>} through superclasses and interfaces. */
    private static Optional<Type> requestHandlerInput(Class<?> type) {
        for (Class<?> current = type;
                current != null && current != Object.class;
                current = current.getSuperclass()) {
            List<Type> supertypes =
                    new java.util.ArrayList<>(List.of(current.getGenericInterfaces()));
            supertypes.add(current.getGenericSuperclass());
            for (Type supertype : supertypes) {
                if (supertype instanceof ParameterizedType parameterized
                        && parameterized.getRawType() == RequestHandler.class) {
                    return Optional.of(parameterized.getActualTypeArguments()[0]);
                }
            }
        }
        return Optional.empty();
    }
}

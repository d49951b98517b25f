package org.opencrm.template;

import static org.opencrm.template.SamTemplate.asMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code AWS::Serverless::Function} of template.yaml with {@code Globals.Function} applied.
 *
 * @param logicalId the resource's logical id
 * @param handler {@code Handler} as declared, {@code class::method} for Java
 * @param timeoutSeconds {@code Timeout} (Lambda's default 3 s when absent)
 * @param memorySizeMb {@code MemorySize} (Lambda's default 128 MB when absent)
 * @param environment Globals' variables overlaid with the function's own, intrinsics resolved
 * @param events the function's events in template order
 */
public record FunctionSpec(
        String logicalId,
        String handler,
        int timeoutSeconds,
        int memorySizeMb,
        Map<String, String> environment,
        List<FunctionEvent> events) {

    public static final String FUNCTION_TYPE = "AWS::Serverless::Function";
    private static final int LAMBDA_DEFAULT_TIMEOUT_SECONDS = 3;
    private static final int LAMBDA_DEFAULT_MEMORY_MB = 128;
    private static final String DEFAULT_HANDLER_METHOD = "handleRequest";

    public FunctionSpec {
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        events = List.copyOf(events);
    }

    public static List<FunctionSpec> allIn(SamTemplate template) {
        Map<String, Object> globals = asMap(template.section("Globals").get("Function"));
        FunctionEventParser eventParser = new FunctionEventParser(template);
        List<FunctionSpec> functions = new ArrayList<>();
        template.resourcesOfType(FUNCTION_TYPE)
                .forEach(
                        (logicalId, resource) -> {
                            Map<String, Object> properties = asMap(resource.get("Properties"));
                            functions.add(
                                    new FunctionSpec(
                                            logicalId,
                                            String.valueOf(setting(properties, globals, "Handler")),
                                            integer(
                                                    template,
                                                    setting(properties, globals, "Timeout"),
                                                    LAMBDA_DEFAULT_TIMEOUT_SECONDS),
                                            integer(
                                                    template,
                                                    setting(properties, globals, "MemorySize"),
                                                    LAMBDA_DEFAULT_MEMORY_MB),
                                            environment(template, logicalId, globals, properties),
                                            eventParser.parse(
                                                    logicalId, asMap(properties.get("Events")))));
                        });
        return functions;
    }

    /** The class part of {@code Handler}. */
    public String handlerClass() {
        return handler.split("::", 2)[0];
    }

    /**
     * The method part of {@code Handler}; {@code handleRequest} when the handler names only a
     * class.
     */
    public String handlerMethod() {
        String[] parts = handler.split("::", 2);
        return parts.length == 2 ? parts[1] : DEFAULT_HANDLER_METHOD;
    }

    public <T extends FunctionEvent> List<T> events(Class<T> kind) {
        return events.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static Object setting(
            Map<String, Object> properties, Map<String, Object> globals, String name) {
        return properties.containsKey(name) ? properties.get(name) : globals.get(name);
    }

    static int integer(SamTemplate template, Object value, int fallback) {
        String resolved = template.resolveString(value);
        return resolved == null ? fallback : Integer.parseInt(resolved.trim());
    }

    private static Map<String, String> environment(
            SamTemplate template,
            String logicalId,
            Map<String, Object> globals,
            Map<String, Object> properties) {
        Map<String, Object> declared = new LinkedHashMap<>(variables(globals));
        declared.putAll(variables(properties));
        Map<String, String> resolved = new LinkedHashMap<>();
        declared.forEach(
                (name, value) -> {
                    String text = template.resolveString(value);
                    if (text == null) {
                        throw new IllegalArgumentException(
                                logicalId
                                        + ": environment variable "
                                        + name
                                        + " uses an intrinsic that cannot be resolved before deployment: "
                                        + value);
                    }
                    resolved.put(name, text);
                });
        return resolved;
    }

    private static Map<String, Object> variables(Map<String, Object> functionProperties) {
        return asMap(asMap(functionProperties.get("Environment")).get("Variables"));
    }
}

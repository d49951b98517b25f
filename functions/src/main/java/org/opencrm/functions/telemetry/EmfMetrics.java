package org.opencrm.functions.telemetry;

import java.util.Map;
import org.opencrm.core.runtime.RuntimeEnvironment;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import software.amazon.lambda.powertools.metrics.provider.EmfMetricsProvider;

/**
 * Business and error counts as CloudWatch Embedded Metric Format lines on stdout, through
 * Powertools metrics: in Lambda, CloudWatch Logs turns each line into metrics without an API call.
 */
final class EmfMetrics {

    static final String DEFAULT_NAMESPACE = "OpenCrm";
    static final String EMF_ENVIRONMENT = "AWS_EMF_ENVIRONMENT";
    private static final String NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE";
    private static final String LAMBDA_FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";

    private final Metrics metrics;

    private EmfMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    /**
     * Powertools' metrics, set up from the function's environment. The EMF environment is always
     * chosen here, never discovered: discovery probes the EC2 and ECS metadata addresses, which a
     * local run must not reach. The local cloud passes {@code AWS_EMF_ENVIRONMENT=Local} as a
     * system property, which the EMF library (reading only the process environment) would not see.
     */
    static EmfMetrics configured(RuntimeEnvironment env) {
        EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(environment(env));
        // its own logger rather than MetricsFactory's request-scoped one: that one keeps an entry
        // per
        // X-Ray trace id until flush(), and flushMetrics(), which this uses, never removes it
        Metrics metrics = new EmfMetricsProvider().getMetricsInstance();
        metrics.setNamespace(env.find(NAMESPACE).orElse(DEFAULT_NAMESPACE));
        // per deployment, so dev and prod stacks in one account do not add up
        metrics.setDefaultDimensions(DimensionSet.of("Environment", env.environmentName()));
        return new EmfMetrics(metrics);
    }

    static Environments environment(RuntimeEnvironment env) {
        return env.find(EMF_ENVIRONMENT)
                .map(EmfMetrics::named)
                .orElseGet(
                        () ->
                                env.find(LAMBDA_FUNCTION_NAME).isPresent()
                                        ? Environments.Lambda
                                        : Environments.Local);
    }

    private static Environments named(String name) {
        for (Environments known : Environments.values()) {
            if (known.name().equalsIgnoreCase(name)) {
                return known;
            }
        }
        return Environments.Local;
    }

    /** One EMF line with the unit's counts; nothing when it counted nothing. */
    void publish(WorkLine line) {
        Map<String, Long> counts = line.metrics();
        if (counts.isEmpty()) {
            return;
        }
        // a context of its own per unit: the local cloud runs units concurrently in one JVM
        metrics.flushMetrics(
                unit -> {
                    if (line.requestId() != null) {
                        unit.addMetadata("requestId", line.requestId());
                    }
                    unit.addMetadata("operation", line.operation());
                    counts.forEach((name, value) -> unit.addMetric(name, value, MetricUnit.COUNT));
                });
    }
}

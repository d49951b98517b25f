package org.opencrm.core.runtime;

import java.util.Map;
import java.util.Optional;

/**
 * The function's environment variables, as template.yaml declares them.
 *
 * <p>In AWS they are process environment variables. The local cloud runs every function in one JVM,
 * which cannot change its own environment, so it passes them as JVM system properties of the same
 * name; a system property therefore wins over the environment.
 */
public final class RuntimeEnvironment {

    public static final String ENVIRONMENT = "CRM_ENVIRONMENT";
    public static final String CUSTOMERS_TABLE = "CUSTOMERS_TABLE";
    public static final String IDENTITY_TABLE = "IDENTITY_TABLE";
    public static final String AUDIT_TABLE = "AUDIT_TABLE";
    public static final String USERS_TABLE = "USERS_TABLE";
    public static final String CONFIG_TABLE = "CONFIG_TABLE";
    public static final String COUNTERS_TABLE = "COUNTERS_TABLE";
    public static final String NOTIFICATIONS_TABLE = "NOTIFICATIONS_TABLE";
    public static final String LEADS_TABLE = "LEADS_TABLE";
    public static final String INTAKE_TABLE = "INTAKE_TABLE";
    public static final String FILES_TABLE = "FILES_TABLE";
    public static final String DEALS_TABLE = "DEALS_TABLE";
    public static final String ACTIVITIES_TABLE = "ACTIVITIES_TABLE";
    public static final String SEARCH_TABLE = "SEARCH_TABLE";
    public static final String CONTRACTS_TABLE = "CONTRACTS_TABLE";
    public static final String REPORTS_TABLE = "REPORTS_TABLE";
    public static final String ANOMALIES_TABLE = "ANOMALIES_TABLE";
    public static final String HEALTH_TABLE = "HEALTH_TABLE";
    public static final String TICKETS_TABLE = "TICKETS_TABLE";

    /**
     * The HTTP API's public base URL, stage included: where links in messages (the monthly revenue
     * report's chart) point. Absent: messages say the chart is not linked.
     */
    public static final String API_BASE_URL = "API_BASE_URL";

    /** Local runs: a JSON file of per-deployment secrets (golden-id key, webhook secrets). */
    public static final String SECRETS_FILE = "SECRETS_FILE";

    /** AWS: the Secrets Manager secret holding the same JSON document. */
    public static final String SECRETS_ID = "SECRETS_ID";

    public static final String USER_STATUS_CACHE_SECONDS = "USER_STATUS_CACHE_SECONDS";

    /**
     * Issue 18: the stages (comma-separated) whose API runs registered operations only (the
     * operation manifest); template.yaml names prod.
     */
    public static final String OPERATION_ALLOW_LIST_STAGES = "OPERATION_ALLOW_LIST_STAGES";

    public static final String ENDPOINT_URL = "AWS_ENDPOINT_URL";

    /** The bucket of attachments, imports and exports (template.yaml {@code FilesBucket}). */
    public static final String FILES_BUCKET = "FILES_BUCKET";

    /**
     * The SDK's own service-specific endpoint variable for S3: set locally (S3Proxy), absent in
     * AWS. {@link #ENDPOINT_URL} cannot serve both, since it names DynamoDB Local.
     */
    public static final String S3_ENDPOINT_URL = "AWS_ENDPOINT_URL_S3";

    public static final String REGION = "AWS_REGION";

    private final Map<String, String> overrides;

    private RuntimeEnvironment(Map<String, String> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    /** Reads the process environment and JVM system properties. */
    public static RuntimeEnvironment current() {
        return new RuntimeEnvironment(Map.of());
    }

    /** For tests: these values win over everything else. */
    public static RuntimeEnvironment of(Map<String, String> values) {
        return new RuntimeEnvironment(values);
    }

    public Optional<String> find(String name) {
        String value = overrides.get(name);
        if (value == null) {
            value = System.getProperty(name);
        }
        if (value == null) {
            value = System.getenv(name);
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    public String require(String name) {
        return find(name)
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "environment variable "
                                                + name
                                                + " is not set (template.yaml Globals.Function.Environment)"));
    }

    public String environmentName() {
        return find(ENVIRONMENT).orElse("dev");
    }
}

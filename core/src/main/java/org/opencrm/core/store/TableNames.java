package org.opencrm.core.store;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.HashMap;
import java.util.Map;
import org.opencrm.core.runtime.RuntimeEnvironment;

/** Physical table names, as template.yaml passes them to every function. */
@RecordBuilder
public record TableNames(
        String customers,
        String identity,
        String audit,
        String users,
        String config,
        String counters,
        String notifications,
        String leads,
        String intake,
        String files,
        String deals,
        String activities,
        String search,
        String contracts,
        String reports,
        String anomalies,
        String health,
        String tickets) {

    /**
     * template.yaml's logical table ids, each with the environment variable that carries its name.
     */
    public static final Map<String, String> VARIABLES_BY_LOGICAL_ID =
            Map.ofEntries(
                    Map.entry("CustomersTable", RuntimeEnvironment.CUSTOMERS_TABLE),
                    Map.entry("IdentityTable", RuntimeEnvironment.IDENTITY_TABLE),
                    Map.entry("AuditTable", RuntimeEnvironment.AUDIT_TABLE),
                    Map.entry("UsersTable", RuntimeEnvironment.USERS_TABLE),
                    Map.entry("ConfigTable", RuntimeEnvironment.CONFIG_TABLE),
                    Map.entry("CountersTable", RuntimeEnvironment.COUNTERS_TABLE),
                    Map.entry("NotificationsTable", RuntimeEnvironment.NOTIFICATIONS_TABLE),
                    Map.entry("LeadsTable", RuntimeEnvironment.LEADS_TABLE),
                    Map.entry("IntakeTable", RuntimeEnvironment.INTAKE_TABLE),
                    Map.entry("FilesTable", RuntimeEnvironment.FILES_TABLE),
                    Map.entry("DealsTable", RuntimeEnvironment.DEALS_TABLE),
                    Map.entry("ActivitiesTable", RuntimeEnvironment.ACTIVITIES_TABLE),
                    Map.entry("SearchTable", RuntimeEnvironment.SEARCH_TABLE),
                    Map.entry("ContractsTable", RuntimeEnvironment.CONTRACTS_TABLE),
                    Map.entry("ReportsTable", RuntimeEnvironment.REPORTS_TABLE),
                    Map.entry("AnomaliesTable", RuntimeEnvironment.ANOMALIES_TABLE),
                    Map.entry("HealthTable", RuntimeEnvironment.HEALTH_TABLE),
                    Map.entry("TicketsTable", RuntimeEnvironment.TICKETS_TABLE));

    public static TableNames from(RuntimeEnvironment env) {
        return TableNames.builder()
                .customers(env.require(RuntimeEnvironment.CUSTOMERS_TABLE))
                .identity(env.require(RuntimeEnvironment.IDENTITY_TABLE))
                .audit(env.require(RuntimeEnvironment.AUDIT_TABLE))
                .users(env.require(RuntimeEnvironment.USERS_TABLE))
                .config(env.require(RuntimeEnvironment.CONFIG_TABLE))
                .counters(env.require(RuntimeEnvironment.COUNTERS_TABLE))
                .notifications(env.require(RuntimeEnvironment.NOTIFICATIONS_TABLE))
                .leads(env.require(RuntimeEnvironment.LEADS_TABLE))
                .intake(env.require(RuntimeEnvironment.INTAKE_TABLE))
                .files(env.require(RuntimeEnvironment.FILES_TABLE))
                .deals(env.require(RuntimeEnvironment.DEALS_TABLE))
                .activities(env.require(RuntimeEnvironment.ACTIVITIES_TABLE))
                .search(env.require(RuntimeEnvironment.SEARCH_TABLE))
                .contracts(env.require(RuntimeEnvironment.CONTRACTS_TABLE))
                .reports(env.require(RuntimeEnvironment.REPORTS_TABLE))
                .anomalies(env.require(RuntimeEnvironment.ANOMALIES_TABLE))
                .health(env.require(RuntimeEnvironment.HEALTH_TABLE))
                .tickets(env.require(RuntimeEnvironment.TICKETS_TABLE))
                .build();
    }

    /**
     * From template.yaml's logical ids to physical names, as the local cloud and the tests know
     * them.
     */
    public static TableNames fromLogicalIds(Map<String, String> namesByLogicalId) {
        Map<String, String> env = new HashMap<>();
        VARIABLES_BY_LOGICAL_ID.forEach(
                (logicalId, variable) -> env.put(variable, namesByLogicalId.get(logicalId)));
        return from(RuntimeEnvironment.of(env));
    }

    /** New table names, every table named. */
    public static TableNamesBuilder builder() {
        return TableNamesBuilder.builder();
    }

    /** A builder holding this record's values, to change some of them by name. */
    public TableNamesBuilder toBuilder() {
        return TableNamesBuilder.builder(this);
    }
}

package org.opencrm.core.store;

import java.util.HashMap;
import java.util.Map;
import org.opencrm.core.runtime.RuntimeEnvironment;

/** Physical table names, as template.yaml passes them to every function. */
public record TableNames(
        String customers,
        String identity,
        String audit,
        String users,
        String config,
        String counters,
        String notifications,
        String leads,
        String intake) {

    /**
     * template.yaml's logical table ids, each with the environment variable that carries its name.
     */
    public static final Map<String, String> VARIABLES_BY_LOGICAL_ID =
            Map.of(
                    "CustomersTable", RuntimeEnvironment.CUSTOMERS_TABLE,
                    "IdentityTable", RuntimeEnvironment.IDENTITY_TABLE,
                    "AuditTable", RuntimeEnvironment.AUDIT_TABLE,
                    "UsersTable", RuntimeEnvironment.USERS_TABLE,
                    "ConfigTable", RuntimeEnvironment.CONFIG_TABLE,
                    "CountersTable", RuntimeEnvironment.COUNTERS_TABLE,
                    "NotificationsTable", RuntimeEnvironment.NOTIFICATIONS_TABLE,
                    "LeadsTable", RuntimeEnvironment.LEADS_TABLE,
                    "IntakeTable", RuntimeEnvironment.INTAKE_TABLE);

    public static TableNames from(RuntimeEnvironment env) {
        return new TableNames(
                env.require(RuntimeEnvironment.CUSTOMERS_TABLE),
                env.require(RuntimeEnvironment.IDENTITY_TABLE),
                env.require(RuntimeEnvironment.AUDIT_TABLE),
                env.require(RuntimeEnvironment.USERS_TABLE),
                env.require(RuntimeEnvironment.CONFIG_TABLE),
                env.require(RuntimeEnvironment.COUNTERS_TABLE),
                env.require(RuntimeEnvironment.NOTIFICATIONS_TABLE),
                env.require(RuntimeEnvironment.LEADS_TABLE),
                env.require(RuntimeEnvironment.INTAKE_TABLE));
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
}

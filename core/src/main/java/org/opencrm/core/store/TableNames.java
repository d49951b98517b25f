package org.opencrm.core.store;

import org.opencrm.core.config.RuntimeEnvironment;

/** Physical table names, as template.yaml passes them to every function. */
public record TableNames(String customers, String identity, String audit) {

    public static TableNames from(RuntimeEnvironment env) {
        return new TableNames(
                env.require(RuntimeEnvironment.CUSTOMERS_TABLE),
                env.require(RuntimeEnvironment.IDENTITY_TABLE),
                env.require(RuntimeEnvironment.AUDIT_TABLE));
    }
}

package org.opencrm.functions;

import java.time.Clock;
import org.opencrm.core.audit.AuditService;
import org.opencrm.core.audit.AuditStore;
import org.opencrm.core.config.RuntimeEnvironment;
import org.opencrm.core.customer.CustomerService;
import org.opencrm.core.customer.CustomerStore;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.core.store.TableNames;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

/**
 * The composition root: clients, stores and services, built once per container from the
 * function's environment (template.yaml) and shared by every invocation.
 */
public record Services(CustomerService customers, AuditService audit, String environment) {

    public static Services from(RuntimeEnvironment env, Clock clock) {
        DynamoDbEnhancedClient enhanced = DynamoClients.enhanced(DynamoClients.dynamo(env));
        return from(enhanced, TableNames.from(env), env.environmentName(), clock);
    }

    public static Services from(DynamoDbEnhancedClient enhanced, TableNames tables, String environment, Clock clock) {
        return new Services(
                new CustomerService(new CustomerStore(enhanced, tables), clock),
                new AuditService(new AuditStore(enhanced, tables), clock),
                environment);
    }
}

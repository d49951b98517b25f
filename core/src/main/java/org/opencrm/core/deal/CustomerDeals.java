package org.opencrm.core.deal;

import java.time.Clock;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.customer.CustomerStore;

/**
 * What ties customers and their deals together (issue 14 item 4): the customer's stage follows its
 * deals, the deals follow their customer's owner, team and region, and the one-off migration.
 *
 * @param stages the deals stream's reaction
 * @param ownership the customers stream's reaction
 * @param migration run once when a deployment takes issue 14 (the local cloud at every start)
 */
public record CustomerDeals(
        CustomerStageSync stages, DealsFollowCustomer ownership, DealMigration migration) {

    public static CustomerDeals over(
            DealStore deals, CustomerStore customers, ConfigService config, Clock clock) {
        return new CustomerDeals(
                new CustomerStageSync(deals, customers, config, clock),
                new DealsFollowCustomer(deals, customers, config, clock),
                new DealMigration(deals, customers, config, clock));
    }
}

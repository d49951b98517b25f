package org.opencrm.core.anomaly;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerStore;
import org.opencrm.core.store.Keys;

/**
 * The customer a fact counts towards after merges. A contract names its customer by id
 * or by golden id; a golden id absorbed by another customer (a merged lead's) resolves, through its
 * claim in the identity table, to the customer holding it. The ids that customer's signings may be
 * filed under are its own id, its own golden id and the id the fact named.
 *
 * <p>Not found this way: signings filed under OTHER golden ids the survivor absorbed, since the
 * identity table has no index from a holder to its claims; a fact filed under such an id finds the
 * survivor's other signings, but not the reverse.
 */
public final class GoldenCustomers {

    private final CustomerStore customers;

    public GoldenCustomers(CustomerStore customers) {
        this.customers = customers;
    }

    /** The survivor's id and every id its signings are looked up under, the survivor first. */
    public record Resolved(String customerId, List<String> filedUnder) {

        public Resolved {
            filedUnder = List.copyOf(filedUnder);
        }
    }

    /** Two key reads: the golden-id claim, then the customer for its own golden id. */
    public Resolved resolve(String namedId) {
        String survivor = customers.holderOf(Keys.goldenId(namedId)).orElse(namedId);
        Set<String> ids = new LinkedHashSet<>();
        ids.add(survivor);
        customers.find(survivor).map(Customer::goldenId).ifPresent(ids::add);
        ids.add(namedId);
        return new Resolved(survivor, List.copyOf(ids));
    }
}

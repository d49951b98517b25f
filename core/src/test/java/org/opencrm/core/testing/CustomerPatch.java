package org.opencrm.core.testing;

import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.customer.CustomerInputBuilder;

/**
 * Starts a {@link CustomerInput} naming only the fields a test sets, so a test says {@code
 * patch().serviceNotes("called back").build()} instead of a row of nulls.
 */
public final class CustomerPatch {

    private CustomerPatch() {}

    /** An input that writes nothing until fields are set. */
    public static CustomerInputBuilder patch() {
        return CustomerInput.builder();
    }

    /** A new customer with a name and a fresh mobile number. */
    public static CustomerInputBuilder newCustomer(String name) {
        return patch().name(name).phone(TestCallers.uniqueMobile());
    }
}

package org.opencrm.core.customer;

import java.util.List;
import java.util.Set;

/**
 * Customers a bulk export leaves out, and why (R-26: the observation pool). Decided elsewhere (the
 * health score), so the export depends on this question only, not on how it is answered.
 */
public interface ExportExclusion {

    /** Leaves nobody out. */
    ExportExclusion NONE =
            new ExportExclusion() {
                @Override
                public Set<String> leftOut(List<Customer> customers) {
                    return Set.of();
                }

                @Override
                public String reason() {
                    return null;
                }
            };

    /** The ids among {@code customers} (at most 100) to leave out. */
    Set<String> leftOut(List<Customer> customers);

    /** Why they are left out, in words for the person exporting. */
    String reason();
}

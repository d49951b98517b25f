package org.opencrm.core.customer;

/** List filter; every combination is served by an index. Null fields do not filter. */
public record CustomerFilter(String ownerId, CustomerStage stage, String region, boolean archived) {

    public static CustomerFilter none() {
        return new CustomerFilter(null, null, null, false);
    }
}

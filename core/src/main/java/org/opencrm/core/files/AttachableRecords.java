package org.opencrm.core.files;

import java.util.Optional;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Ownership;
import org.opencrm.core.contract.ContractService;
import org.opencrm.core.customer.CustomerService;
import org.opencrm.core.deal.DealService;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.lead.LeadService;

/**
 * The records files are attached to (a customer, a deal, a contract or a lead), found under the
 * caller's row scope: the one place that decides which records take attachments and who reads and
 * adds to them. Whoever may read the record reads its attachments; whoever may change it (its row
 * scope's write side) attaches files. An id the caller cannot see is NOT_FOUND naming no type, so
 * an answer never tells what kind of record lies outside the caller's scope.
 */
public final class AttachableRecords {

    /** The NOT_FOUND type of an id that is no record the caller can see. */
    static final String ANY_RECORD = "Record";

    private final AccessPolicy policy;
    private final CustomerService customers;
    private final DealService deals;
    private final ContractService contracts;
    private final LeadService leads;

    public AttachableRecords(
            AccessPolicy policy,
            CustomerService customers,
            DealService deals,
            ContractService contracts,
            LeadService leads) {
        this.policy = policy;
        this.customers = customers;
        this.deals = deals;
        this.contracts = contracts;
        this.leads = leads;
    }

    /** NOT_FOUND unless the caller may read the record. */
    void requireReadable(String entityId, Caller caller) {
        if (visible(entityId, caller).isEmpty()) {
            throw new NotFoundException(ANY_RECORD, entityId);
        }
    }

    /**
     * The record's type; NOT_FOUND when the caller cannot see it, FORBIDDEN when they see it but
     * may not change it.
     */
    String requireWritable(String entityId, Caller caller, String operation) {
        Found record =
                visible(entityId, caller)
                        .orElseThrow(() -> new NotFoundException(ANY_RECORD, entityId));
        // evidence for a deal's move or a contract's scan is filed by who may change the record
        policy.requireWrite(record.type(), entityId, caller, record.ownership(), operation);
        return record.type();
    }

    /**
     * The record the id names, if the caller may read it: one read per type until one answers (ids
     * are unique across the types).
     */
    private Optional<Found> visible(String entityId, Caller caller) {
        return customers
                .findVisible(entityId, caller)
                .map(customer -> new Found(CustomerService.TYPE, customer.ownership()))
                .or(
                        () ->
                                deals.findVisible(entityId, caller)
                                        .map(deal -> new Found(DealService.TYPE, deal.ownership())))
                .or(
                        () ->
                                contracts
                                        .findVisible(entityId, caller)
                                        .map(
                                                contract ->
                                                        new Found(
                                                                ContractService.TYPE,
                                                                contract.ownership())))
                .or(() -> lead(entityId, caller));
    }

    private Optional<Found> lead(String entityId, Caller caller) {
        try {
            return Optional.of(
                    new Found(LeadService.TYPE, leads.get(entityId, caller).ownership()));
        } catch (NotFoundException noneVisible) {
            return Optional.empty();
        }
    }

    /** A visible record's type and ownership, as its row scope needs them. */
    private record Found(String type, Ownership ownership) {}
}

package org.opencrm.core.customer;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.opencrm.core.access.Caller;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.store.Page;
import org.opencrm.core.store.PageRequest;
import org.opencrm.core.store.WriteStamp;

/** Customer use cases: create, read, list, edit, archive and restore. */
public final class CustomerService {

    private static final String TYPE = "Customer";

    private final CustomerStore store;
    private final Clock clock;
    private final Supplier<String> newId;

    public CustomerService(CustomerStore store, Clock clock) {
        this(store, clock, () -> UUID.randomUUID().toString());
    }

    CustomerService(CustomerStore store, Clock clock, Supplier<String> newId) {
        this.store = store;
        this.clock = clock;
        this.newId = newId;
    }

    public Customer create(CustomerInput input, Caller caller) {
        CustomerFields fields = CustomerRules.forCreate(input);
        if (fields.region() == null && caller.region() != null) {
            fields = new CustomerFields(fields.name(), fields.phone(), fields.email(), fields.wechatId(),
                    fields.stage(), fields.remark(), caller.region());
        }
        Instant now = clock.instant();
        Customer customer = new Customer(newId.get(), 0, fields, caller.userId(), now, now, false, null);
        return store.insert(customer, WriteStamp.of(caller, now));
    }

    public Customer get(String id) {
        return store.find(id).orElseThrow(() -> new NotFoundException(TYPE, id));
    }

    public Page<Customer> list(CustomerFilter filter, PageRequest page) {
        return store.list(filter, page);
    }

    public Customer update(String id, long expectedVersion, CustomerInput patch, Caller caller) {
        Customer current = current(id, expectedVersion);
        Instant now = clock.instant();
        Customer next = current.withFields(CustomerRules.forUpdate(current.fields(), patch), now);
        return store.replace(current, next, WriteStamp.of(caller, now));
    }

    public Customer archive(String id, long expectedVersion, String reason, Caller caller) {
        String checkedReason = CustomerRules.archiveReason(reason);
        Customer current = current(id, expectedVersion);
        if (current.archived()) {
            throw new ValidationException(FieldProblem.of("id", "notArchived", "customer " + id + " is already archived"));
        }
        Instant now = clock.instant();
        return store.replace(current, current.withArchived(true, checkedReason, now), WriteStamp.of(caller, now));
    }

    public Customer restore(String id, long expectedVersion, Caller caller) {
        Customer current = current(id, expectedVersion);
        if (!current.archived()) {
            throw new ValidationException(FieldProblem.of("id", "archived", "customer " + id + " is not archived"));
        }
        Instant now = clock.instant();
        return store.replace(current, current.withArchived(false, null, now), WriteStamp.of(caller, now));
    }

    private Customer current(String id, long expectedVersion) {
        Customer current = get(id);
        if (current.version() != expectedVersion) {
            throw new VersionConflictException(id, expectedVersion, current.version());
        }
        return current;
    }
}

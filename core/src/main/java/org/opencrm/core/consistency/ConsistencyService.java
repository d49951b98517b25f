package org.opencrm.core.consistency;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.opencrm.core.access.Caller;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.customer.CustomerInputBuilder;
import org.opencrm.core.customer.CustomerService;
import org.opencrm.core.customer.FieldStamps;
import org.opencrm.core.customer.SourceStamp;
import org.opencrm.core.error.CrmException;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.ConflictRetry;
import org.opencrm.core.store.Pages;

/**
 * Consistency reports for whoever the policy lets ask (admins), and the one way their differences
 * reach customers: {@link #apply}, field by field, through the customer's normal update path, so
 * each changed customer gets one audit row and each taken value the other system's source stamp.
 */
public final class ConsistencyService {

    public static final String TYPE = "ConsistencyReport";
    static final int MAX_FAILURES_LISTED = 20;

    private final ConsistencyStore store;
    private final CustomerService customers;
    private final ConsistencyFiles files;
    private final Clock clock;

    public ConsistencyService(
            ConsistencyStore store,
            CustomerService customers,
            ConsistencyFiles files,
            Clock clock) {
        this.store = store;
        this.customers = customers;
        this.clock = clock;
        this.files = files;
    }

    public ConsistencyReport report(String id) {
        return store.find(id).orElseThrow(() -> new NotFoundException(TYPE, id));
    }

    public Page<ReportRow> rows(String id, PageRequest page) {
        return store.rows(id, page);
    }

    /** The report's CSV, once DONE: a presigned GET; null before. */
    public String csvUrl(ConsistencyReport report) {
        return report.status() == ConsistencyReport.Status.DONE
                ? files.downloadUrl(report.id())
                : null;
    }

    /**
     * Settles a DONE report's MISMATCH rows by {@code rule}: for each requested field (all compared
     * fields when {@code fields} is null) where the other system changed last, the customer takes
     * its value, stamped with that system and the row's time. Applying again changes nothing: the
     * values are equal by then.
     */
    public ApplyResult apply(String id, ArbitrationRule rule, List<String> fields, Caller caller) {
        Objects.requireNonNull(rule, "rule");
        ConsistencyReport report = report(id);
        if (report.status() != ConsistencyReport.Status.DONE) {
            throw new ValidationException(
                    new FieldProblem(
                            "id",
                            "reportDone",
                            "report "
                                    + id
                                    + " is "
                                    + report.status()
                                    + "; only a DONE report can be applied",
                            ConsistencyReport.Status.DONE.name()));
        }
        List<String> requested = requestedFields(fields);
        Tally tally = new Tally();
        Pages.all(PageRequest.MAX_SIZE, page -> store.rows(id, page))
                .filter(row -> row.kind() == RowKind.MISMATCH)
                .forEach(row -> applyRow(report.system(), row, requested, caller, tally));
        store.applied(id, clock.instant());
        return new ApplyResult(
                tally.customers,
                tally.changed,
                tally.alreadyEqual,
                tally.changedSince,
                tally.failures);
    }

    private static List<String> requestedFields(List<String> fields) {
        if (fields == null) {
            return FieldStamps.COMPARED;
        }
        List<String> unknown =
                fields.stream().filter(field -> !FieldStamps.COMPARED.contains(field)).toList();
        if (!unknown.isEmpty()) {
            throw new ValidationException(
                    new FieldProblem(
                            "fields",
                            "comparedField",
                            "must be compared fields " + FieldStamps.COMPARED + ", got " + unknown,
                            FieldStamps.COMPARED));
        }
        return fields;
    }

    private void applyRow(
            String system, ReportRow row, List<String> requested, Caller caller, Tally tally) {
        List<FieldDifference> newerThere =
                row.differences().stream()
                        .filter(difference -> difference.changedLast() == Side.THERE)
                        .filter(difference -> requested.contains(difference.field()))
                        .toList();
        if (newerThere.isEmpty()) {
            return;
        }
        try {
            ConflictRetry.standard()
                    .run(attempt -> applyTo(system, row.customerId(), newerThere, caller, tally));
        } catch (CrmException refused) {
            if (tally.failures.size() < MAX_FAILURES_LISTED) {
                tally.failures.add(row.customerId() + ": " + refused.getMessage());
            }
        }
    }

    private boolean applyTo(
            String system,
            String customerId,
            List<FieldDifference> newerThere,
            Caller caller,
            Tally tally) {
        Customer current = customers.get(customerId, caller);
        CustomerInputBuilder patch = CustomerInput.builder();
        int taken = 0;
        int equal = 0;
        int since = 0;
        for (FieldDifference difference : newerThere) {
            String now = FieldStamps.valueOf(current.fields(), difference.field());
            if (Objects.equals(now, difference.there())) {
                equal++;
            } else if (current.stampOf(difference.field())
                    .at()
                    .isAfter(difference.hereChangedAt())) {
                since++;
            } else {
                set(patch, difference.field(), difference.there());
                taken++;
            }
        }
        if (taken > 0) {
            SourceStamp source = new SourceStamp(system, newerThere.get(0).thereChangedAt());
            customers.updateFromSource(
                    customerId, current.version(), patch.build(), source, caller);
            tally.customers++;
        }
        tally.changed += taken;
        tally.alreadyEqual += equal;
        tally.changedSince += since;
        return true;
    }

    /** An empty value clears an optional field, as in any update. */
    private static void set(CustomerInputBuilder patch, String field, String value) {
        String written = value == null ? "" : value;
        switch (field) {
            case "name" -> patch.name(written);
            case "phone" -> patch.phone(written);
            case "email" -> patch.email(written);
            case "wechatId" -> patch.wechatId(written);
            case "region" -> patch.region(written);
            default -> throw new IllegalArgumentException("not a compared field: " + field);
        }
    }

    /** Counts of one apply. */
    private static final class Tally {
        int customers;
        int changed;
        int alreadyEqual;
        int changedSince;
        final List<String> failures = new ArrayList<>();
    }
}

package org.opencrm.core.health;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerFilter;
import org.opencrm.core.customer.CustomerService;
import org.opencrm.core.customer.CustomerStore;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.notify.NotificationOutbox;
import org.opencrm.core.paging.Cursor;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.Keys;

/**
 * The nightly health pass (R-26, HealthNightlyFunction): pages every active customer through the
 * customers' own list index (never a scan, as {@code SearchBackfill} does), recomputes each score
 * (activity ages out of the window with no stream record to say so) and archives a customer whose
 * score is below the archive line with no activity for the configured days.
 *
 * <p>Archiving goes through {@link CustomerService#archive}, the normal customer write: reversible
 * ({@code restoreCustomer}), stamped with this pass as the writer so the audit stream files the
 * row, and the owner is told ({@link NotificationKind#CUSTOMER_ARCHIVED}, once per archiving).
 *
 * <p>A run stops when its time is up and keeps its place in the health table; the next run goes on
 * from there, so any number of customers is covered by a few runs.
 */
public final class HealthNightly {

    public static final String SYSTEM = "system:health-nightly";

    /** Customers per read: a service's bulk read, not a client's page. */
    static final int PAGE = 500;

    private final CustomerStore customers;
    private final CustomerService customerService;
    private final HealthKeeper keeper;
    private final HealthStore store;
    private final NotificationOutbox outbox;
    private final ConfigService config;
    private final Clock clock;
    private final int pageSize;
    private final CustomerFilter customersRead;
    private final String passId;

    /** What the pass reads and writes. */
    public record Parts(
            CustomerStore customers,
            CustomerService customerService,
            HealthKeeper keeper,
            HealthStore store,
            NotificationOutbox outbox,
            ConfigService config,
            Clock clock) {}

    public HealthNightly(Parts parts) {
        this(parts, PAGE, CustomerFilter.none(), Keys.HEALTH_PASS);
    }

    /**
     * A pass over some customers only, keeping its place under its own id: a test's pass over its
     * own rep's customers, in a table other tests write to meanwhile.
     */
    HealthNightly(Parts parts, int pageSize, CustomerFilter customersRead, String passId) {
        this.customers = parts.customers();
        this.customerService = parts.customerService();
        this.keeper = parts.keeper();
        this.store = parts.store();
        this.outbox = parts.outbox();
        this.config = parts.config();
        this.clock = parts.clock();
        this.pageSize = pageSize;
        this.customersRead = customersRead;
        this.passId = passId;
    }

    /**
     * What a run did: customers read, scores written, customers archived, and whether the pass is
     * done (false: the next run continues where this one stopped).
     */
    public record Progress(int customers, int rescored, int archived, boolean done) {

        public Map<String, Integer> counts() {
            return Map.of("customers", customers, "rescored", rescored, "archived", archived);
        }
    }

    /** Goes on from where the last run stopped while {@code timeLeft} says so (asked per page). */
    public Progress run(BooleanSupplier timeLeft) {
        Optional<String> after = store.passPosition(passId);
        int read = 0;
        int rescored = 0;
        int archived = 0;
        do {
            Page<Customer> page =
                    customers.list(
                            customersRead,
                            new PageRequest(pageSize, Cursor.decode(after.orElse(null))));
            for (Page.Entry<Customer> entry : page.entries()) {
                HealthKeeper.Recomputed done = keeper.recompute(entry.item());
                rescored += done.written() ? 1 : 0;
                archived += archiveIfDue(done) ? 1 : 0;
            }
            read += page.entries().size();
            after =
                    page.hasNextPage() && !page.entries().isEmpty()
                            ? Optional.of(page.endCursor())
                            : Optional.empty();
            store.savePassPosition(passId, after, clock.instant());
        } while (after.isPresent() && timeLeft.getAsBoolean());
        return new Progress(read, rescored, archived, after.isEmpty());
    }

    private boolean archiveIfDue(HealthKeeper.Recomputed done) {
        HealthRules rules = config.current(HealthRules.DEFINITION);
        Customer customer = done.customer();
        if (!HealthScore.archiveDue(
                customer, done.health().health(), done.touches(), rules, clock.instant())) {
            return false;
        }
        String reason =
                "health "
                        + done.health().score()
                        + "/100, below "
                        + rules.archiveBelow()
                        + ", and no activity for "
                        + rules.archiveInactiveDays()
                        + " days (automatic, R-26)";
        Customer archived;
        try {
            archived = customerService.archive(customer.id(), customer.version(), reason, system());
        } catch (VersionConflictException changed) {
            return false; // changed since the page was read: its stream record rescores it; next
            // night
        }
        outbox.send(
                Notification.of(
                        customer.id() + "#" + archived.version(),
                        customer.ownerId(),
                        NotificationKind.CUSTOMER_ARCHIVED,
                        "Customer archived: " + customer.fields().name(),
                        "Archived automatically: "
                                + reason
                                + ". Restore it if it is still worked on.",
                        Map.of(
                                "customerId", customer.id(),
                                "score", Integer.toString(done.health().score())),
                        clock.instant()));
        return true;
    }

    private Caller system() {
        return Caller.builder()
                .userId(SYSTEM)
                .role(Role.ADMIN)
                .requestId("health-nightly:" + clock.instant())
                .build();
    }
}

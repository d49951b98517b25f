package org.opencrm.core.customer;

import org.opencrm.core.access.Caller;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserInput;
import org.opencrm.core.user.UserLeads;
import org.opencrm.core.user.UserService;

/**
 * Org changes that reach into customers and leads. Off-boarding a user: the account is
 * marked LEFT first, so their token stops working within seconds, then every customer they own
 * moves to the successor (a named one, else their manager), and so do their open leads while the
 * successor has room (the rest go through assignment). A suspension sends the user's open leads
 * through assignment. All writes carry the admin's request id, so the audit trail shows them as one
 * operation; repeating the call resumes an interrupted handover.
 *
 * <p>A rep who gets room (added, reinstated, capacity raised) drains their region's pool right
 * after the user write, in the admin's request: the answer already shows the leads placed, and no
 * second trigger (a users-stream reactor) has to agree with this one on what "room" means.
 */
public final class OrgChanges {

    /**
     * @param leads where the departed user's open leads went
     */
    public record Result(User user, User successor, int customersMoved, UserLeads.Handover leads) {

        public int leadsToSuccessor() {
            return leads.toSuccessor();
        }

        public int leadsReassigned() {
            return leads.reassigned();
        }

        public int leadsPooled() {
            return leads.pooled();
        }
    }

    /** A suspension and where the user's open leads went. */
    public record Suspension(User user, UserLeads.Handover leads) {}

    private final UserService users;
    private final CustomerService customers;
    private final UserLeads leads;

    public OrgChanges(UserService users, CustomerService customers, UserLeads leads) {
        this.users = users;
        this.customers = customers;
        this.leads = leads;
    }

    /** Adds a user; a new rep takes their region's oldest pooled leads at once. */
    public User createUser(UserInput input, Caller caller) {
        User created = users.create(input, caller);
        leads.offerRoom(created);
        return created;
    }

    /**
     * Changes a user; their customers follow them to their (new) team under the same request, so
     * team leads' lists stay right. A rep whose capacity rose (or who now works a region) takes
     * pooled leads.
     */
    public User updateUser(String userId, long expectedVersion, UserInput patch, Caller caller) {
        User after = users.update(userId, expectedVersion, patch, caller);
        // every time, not only when the team changed: a retry also finishes an interrupted retag
        customers.followOwnerTeam(userId, after.team(), caller);
        // every time too: offering finds nothing when there is no room, and a retry finishes
        leads.offerRoom(after);
        return after;
    }

    /**
     * Suspends the user and sends their open leads through assignment (another rep of the region,
     * else the pool). Repeating it on a user already suspended finishes an interrupted handover.
     */
    public Suspension suspend(String userId, String reason, Caller caller) {
        User suspended = users.suspend(userId, reason, caller);
        return new Suspension(
                suspended, leads.handOver(suspended, null, stampOf(caller, suspended)));
    }

    /** Lifts a suspension; the rep takes their region's oldest pooled leads again. */
    public User reinstate(String userId, Caller caller) {
        User reinstated = users.reinstate(userId, caller);
        leads.offerRoom(reinstated);
        return reinstated;
    }

    public Result offboard(String userId, String successorId, Caller caller) {
        User leaving = users.get(userId, caller);
        String chosen =
                successorId != null
                        ? successorId
                        : leaving.handoverTo() != null ? leaving.handoverTo() : leaving.managerId();
        if (chosen == null) {
            throw new ValidationException(
                    FieldProblem.of(
                            "successorId",
                            "required",
                            "user "
                                    + userId
                                    + " has no manager; name the successor who takes over their customers"));
        }
        if (chosen.equals(userId)) {
            throw new ValidationException(
                    FieldProblem.of(
                            "successorId", "notSelf", "the successor must be someone else"));
        }
        User successor =
                users.findOptional(chosen)
                        .filter(User::active)
                        .orElseThrow(
                                () ->
                                        new ValidationException(
                                                FieldProblem.of(
                                                        "successorId",
                                                        "activeUser",
                                                        "must be an ACTIVE user, got " + chosen)));
        // a service agent's customers go to another agent; everyone else's to someone who can own
        // them
        boolean serves = customers.canServeCustomers(leaving);
        if (serves
                ? !customers.canServeCustomers(successor)
                : !customers.canOwnCustomers(successor)) {
            throw new ValidationException(
                    FieldProblem.of(
                            "successorId",
                            serves ? "serviceAgent" : "canOwnCustomers",
                            "must be someone who can "
                                    + (serves ? "serve" : "own")
                                    + " customers as "
                                    + leaving.role()
                                    + " did, got "
                                    + successor.role()));
        }
        User left = users.markLeft(userId, successor, caller);
        int moved =
                serves
                        ? customers.handOverServed(userId, successor, caller)
                        : customers.handOver(userId, successor, caller);
        UserLeads.Handover handedOver = leads.handOver(left, successor, stampOf(caller, left));
        return new Result(left, successor, moved, handedOver);
    }

    /** The admin's request as of the status write; each lead write takes its own moment. */
    private static WriteStamp stampOf(Caller caller, User changed) {
        return WriteStamp.of(caller, changed.updatedAt());
    }
}

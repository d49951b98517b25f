package org.opencrm.core.customer;

import org.opencrm.core.access.Caller;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserInput;
import org.opencrm.core.user.UserService;

/**
 * Org changes that reach into customers. Off-boarding a user: the account is marked LEFT
 * first, so their token stops working within seconds, then every customer they own moves to the
 * successor (a named one, else their manager). All writes carry the admin's request id, so the
 * audit trail shows them as one operation; repeating the call resumes an interrupted handover.
 */
public final class OrgChanges {

    public record Result(User user, User successor, int customersMoved) {}

    private final UserService users;
    private final CustomerService customers;

    public OrgChanges(UserService users, CustomerService customers) {
        this.users = users;
        this.customers = customers;
    }

    /**
     * Changes a user; their customers follow them to their (new) team under the same request, so
     * team leads' lists stay right.
     */
    public User updateUser(String userId, long expectedVersion, UserInput patch, Caller caller) {
        User after = users.update(userId, expectedVersion, patch, caller);
        // every time, not only when the team changed: a retry also finishes an interrupted retag
        customers.followOwnerTeam(userId, after.team(), caller);
        return after;
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
        return new Result(left, successor, moved);
    }
}

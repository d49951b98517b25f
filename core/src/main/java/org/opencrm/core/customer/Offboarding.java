package org.opencrm.core.customer;

import org.opencrm.core.access.Caller;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserService;

/**
 * Off-boarding a user: the account is marked LEFT first, so their token stops working
 * within seconds, then every customer they own moves to the successor (a named one, else
 * their manager). All writes carry the admin's request id, so the audit trail shows them as
 * one operation; repeating the call resumes an interrupted handover.
 */
public final class Offboarding {

    public record Result(User user, User successor, int customersMoved) {
    }

    private final UserService users;
    private final CustomerService customers;

    public Offboarding(UserService users, CustomerService customers) {
        this.users = users;
        this.customers = customers;
    }

    public Result offboard(String userId, String successorId, Caller caller) {
        User leaving = users.get(userId, caller);
        String chosen = successorId != null ? successorId : leaving.handoverTo() != null ? leaving.handoverTo() : leaving.managerId();
        if (chosen == null) {
            throw new ValidationException(FieldProblem.of("successorId", "required",
                    "user " + userId + " has no manager; name the successor who takes over their customers"));
        }
        if (chosen.equals(userId)) {
            throw new ValidationException(FieldProblem.of("successorId", "notSelf", "the successor must be someone else"));
        }
        User successor = users.findOptional(chosen).filter(User::active).orElseThrow(() -> new ValidationException(
                FieldProblem.of("successorId", "activeUser", "must be an ACTIVE user, got " + chosen)));
        User left = users.markLeft(userId, successor, caller);
        int moved = customers.handOver(userId, successor, caller);
        return new Result(left, successor, moved);
    }
}

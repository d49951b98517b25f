package org.opencrm.core.customer;

import java.util.Objects;
import org.opencrm.core.access.Caller;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserInput;
import org.opencrm.core.user.UserService;

/**
 * Org changes that reach into customers. Off-boarding a user: the account is marked LEFT first, so their token stops working
 * within seconds, then every customer they own moves to the successor (a named one, else
 * their manager). All writes carry the admin's request id, so the audit trail shows them as
 * one operation; repeating the call resumes an interrupted handover.
 */
public final class OrgChanges {

    public record Result(User user, User successor, int customersMoved) {
    }

    private final UserService users;
    private final CustomerService customers;

    public OrgChanges(UserService users, CustomerService customers) {
        this.users = users;
        this.customers = customers;
    }

    /**
     * Changes a user; when their team changes, their customers follow them to the new team
     * under the same request, so team leads' lists stay right.
     */
    public User updateUser(String userId, long expectedVersion, UserInput patch, Caller caller) {
        User before = users.get(userId, caller);
        User after = users.update(userId, expectedVersion, patch, caller);
        if (!Objects.equals(before.team(), after.team())) {
            customers.followOwnerTeam(userId, after.team(), caller);
        }
        return after;
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
        if (!CustomerService.canOwnCustomers(successor)) {
            throw new ValidationException(FieldProblem.of("successorId", "seller",
                    "must be a sales role (SALES_REP, TEAM_LEAD, REGION_MANAGER, OPS_DIRECTOR, ADMIN), got " + successor.role()));
        }
        User left = users.markLeft(userId, successor, caller);
        int moved = customers.handOver(userId, successor, caller);
        return new Result(left, successor, moved);
    }
}

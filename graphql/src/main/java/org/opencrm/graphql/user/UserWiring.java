package org.opencrm.graphql.user;

import static org.opencrm.graphql.RequestContext.caller;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.Map;
import org.opencrm.core.customer.OrgChanges;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserFilter;
import org.opencrm.core.user.UserInput;
import org.opencrm.core.user.UserService;
import org.opencrm.graphql.Inputs;
import org.opencrm.graphql.relay.Connections;

/** Binds user.graphqls to the user use cases. */
public final class UserWiring {

    private final UserService users;
    private final OrgChanges orgChanges;

    public UserWiring(UserService users, OrgChanges orgChanges) {
        this.users = users;
        this.orgChanges = orgChanges;
    }

    public void register(RuntimeWiring.Builder wiring) {
        wiring.type(
                "Query",
                type ->
                        type.dataFetcher("me", env -> users.me(caller(env)))
                                .dataFetcher(
                                        "user",
                                        env -> users.get(env.getArgument("id"), caller(env)))
                                .dataFetcher("users", this::queryUsers));
        wiring.type(
                "Mutation",
                type ->
                        type.dataFetcher(
                                        "createUser",
                                        env ->
                                                users.create(
                                                        input(env.getArgument("input")),
                                                        caller(env)))
                                .dataFetcher("updateUser", this::mutationUpdateUser)
                                .dataFetcher(
                                        "suspendUser",
                                        env ->
                                                users.suspend(
                                                        env.getArgument("id"),
                                                        env.getArgument("reason"),
                                                        caller(env)))
                                .dataFetcher(
                                        "reinstateUser",
                                        env -> users.reinstate(env.getArgument("id"), caller(env)))
                                .dataFetcher("offboardUser", this::mutationOffboardUser));
    }

    private Object queryUsers(DataFetchingEnvironment env) {
        PageRequest page = PageRequest.of(env.getArgument("first"), env.getArgument("after"));
        return Connections.of(users.list(filter(env.getArgument("filter")), page, caller(env)));
    }

    private User mutationUpdateUser(DataFetchingEnvironment env) {
        Integer version = env.getArgument("expectedVersion");
        return orgChanges.updateUser(
                env.getArgument("id"),
                version.longValue(),
                input(env.getArgument("input")),
                caller(env));
    }

    private OrgChanges.Result mutationOffboardUser(DataFetchingEnvironment env) {
        return orgChanges.offboard(
                env.getArgument("id"), env.getArgument("successorId"), caller(env));
    }

    private static UserInput input(Map<String, Object> raw) {
        return Inputs.bind(raw, UserInput.class);
    }

    private static UserFilter filter(Map<String, Object> raw) {
        if (raw == null) {
            return UserFilter.none();
        }
        return Inputs.bind(raw, UserFilter.class);
    }
}

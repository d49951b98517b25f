package org.opencrm.graphql.user;

import static org.opencrm.graphql.RequestContext.caller;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.Map;
import org.opencrm.core.customer.OrgChanges;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserFilter;
import org.opencrm.core.user.UserInput;
import org.opencrm.core.user.UserLeads;
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
        wiring.type("User", type -> type.dataFetcher("leadHandover", UserWiring::leadHandover));
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
                                                orgChanges.createUser(
                                                        input(env.getArgument("input")),
                                                        caller(env)))
                                .dataFetcher("updateUser", this::mutationUpdateUser)
                                .dataFetcher("suspendUser", this::mutationSuspendUser)
                                .dataFetcher(
                                        "reinstateUser",
                                        env ->
                                                orgChanges.reinstate(
                                                        env.getArgument("id"), caller(env)))
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

    /**
     * The suspended user; where their open leads went rides along as the local context of the
     * answer, read by {@code User.leadHandover}, so {@code suspendUser} still answers a User.
     */
    private DataFetcherResult<User> mutationSuspendUser(DataFetchingEnvironment env) {
        OrgChanges.Suspension done =
                orgChanges.suspend(env.getArgument("id"), env.getArgument("reason"), caller(env));
        return DataFetcherResult.<User>newResult()
                .data(done.user())
                .localContext(done.leads())
                .build();
    }

    /** Where the user's open leads went, in the answer of the mutation that moved them. */
    private static UserLeads.Handover leadHandover(DataFetchingEnvironment env) {
        return env.getLocalContext() instanceof UserLeads.Handover handover ? handover : null;
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

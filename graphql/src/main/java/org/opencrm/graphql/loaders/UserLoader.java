package org.opencrm.graphql.loaders;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserService;

/**
 * Users by id for every node of a response in one batch read (e.g. {@code Customer.owner}), without
 * scope: the field checks each with {@link UserService#mayRead}.
 */
public final class UserLoader implements MappedBatchLoader<String, User> {

    public static final String NAME = "user";

    private final UserService users;

    public UserLoader(UserService users) {
        this.users = users;
    }

    @Override
    public CompletionStage<Map<String, User>> load(Set<String> userIds) {
        // read on the request's own thread: the future is complete when returned
        return CompletableFuture.completedFuture(users.findAll(userIds));
    }
}

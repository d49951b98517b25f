package org.opencrm.infra.auth;

import java.util.Optional;
import java.util.function.Function;
import org.opencrm.core.user.User;

/**
 * Dev tokens for whoever is in the local users table, demo or not ({@code crm-local token USER_ID}
 * asks the running local cloud through {@code GET /_local/token}): the claims are those of the
 * user's record as it stands, so a user a developer created signs in as themselves.
 */
public final class LocalUserTokens {

    private final DevTokens tokens;
    private final Function<String, Optional<User>> users;

    /**
     * @param users a user by id, as the users table holds them
     */
    public LocalUserTokens(DevTokens tokens, Function<String, Optional<User>> users) {
        this.tokens = tokens;
        this.users = users;
    }

    /** The signer and verifier behind these tokens. */
    public DevTokens tokens() {
        return tokens;
    }

    /** A token for the user; empty when the users table has no such user. */
    public Optional<String> mintFor(String userId) {
        return users.apply(userId).map(tokens::mint);
    }
}

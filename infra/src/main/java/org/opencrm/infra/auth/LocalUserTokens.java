package org.opencrm.infra.auth;

import java.util.Optional;
import org.opencrm.core.user.UserStore;

/**
 * Dev tokens for whoever is in the local users table, demo or not ({@code crm-local token USER_ID}
 * asks the running local cloud through {@code GET /_local/token}): the claims are those of the
 * user's record as it stands, so a user a developer created signs in as themselves.
 */
public final class LocalUserTokens {

    private final DevTokens tokens;
    private final UserStore users;

    public LocalUserTokens(DevTokens tokens, UserStore users) {
        this.tokens = tokens;
        this.users = users;
    }

    /** The signer and verifier behind these tokens. */
    public DevTokens tokens() {
        return tokens;
    }

    /** A token for the user; empty when the users table has no such user. */
    public Optional<String> mintFor(String userId) {
        return users.find(userId).map(tokens::mint);
    }
}

package org.opencrm.core.user;

import java.util.Optional;
import org.opencrm.core.access.Role;
import org.opencrm.core.access.RowScope;

/** Users list filter; null fields do not filter. */
public record UserFilter(Role role, String region, String team, UserStatus status)
        implements RowScope.Filter<UserFilter> {

    public static UserFilter none() {
        return new UserFilter(null, null, null, null);
    }

    public UserFilter withRegion(String value) {
        return new UserFilter(role, value, team, status);
    }

    public UserFilter withTeam(String value) {
        return new UserFilter(role, region, value, status);
    }

    @Override
    public String asked(RowScope.Fact fact) {
        return switch (fact) {
            case TEAM -> team;
            case REGION -> region;
            case OWNER, SERVICE_AGENT -> null;
        };
    }

    /**
     * Users are not owned or served: a scope pinning those reaches no user through a list (a user's
     * OWN scope is their own record, which {@link UserService#list} answers itself).
     */
    @Override
    public Optional<UserFilter> pinned(RowScope.Fact fact, String value) {
        return switch (fact) {
            case TEAM -> Optional.of(withTeam(value));
            case REGION -> Optional.of(withRegion(value));
            case OWNER, SERVICE_AGENT -> Optional.empty();
        };
    }
}

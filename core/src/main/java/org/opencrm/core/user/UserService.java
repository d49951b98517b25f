package org.opencrm.core.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.access.RowScope;
import org.opencrm.core.access.Scope;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.UnauthenticatedException;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.paging.Cursor;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.ConflictRetry;
import org.opencrm.core.store.Pages;
import org.opencrm.core.store.WriteStamp;

/**
 * Users and their status. Every request passes {@link #authenticate}: a token is only as good as
 * its user's current status, read at most {@code statusCacheTtl} ago, so a suspended or departed
 * user's still-valid token stops working within seconds.
 */
public final class UserService {

    public static final String TYPE = "User";

    private final UserStore store;
    private final AccessPolicy policy;
    private final Clock clock;
    private final Duration statusCacheTtl;
    private final Supplier<String> newId;
    private final Map<String, Cached> statusCache = new ConcurrentHashMap<>();

    private record Cached(User user, long readAtNanos) {}

    public UserService(UserStore store, AccessPolicy policy, Clock clock, Duration statusCacheTtl) {
        this(store, policy, clock, statusCacheTtl, () -> UUID.randomUUID().toString());
    }

    UserService(
            UserStore store,
            AccessPolicy policy,
            Clock clock,
            Duration statusCacheTtl,
            Supplier<String> newId) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
        this.statusCacheTtl = statusCacheTtl;
        this.newId = newId;
    }

    /**
     * The caller as the users table knows it now: refused unless ACTIVE; role, region and team come
     * from the user record, so an admin's change applies without a new token.
     */
    public Caller authenticate(Caller claimed) {
        User user = current(claimed.userId());
        if (!user.active()) {
            throw new UnauthenticatedException(
                    "user "
                            + user.id()
                            + " is "
                            + user.status()
                            + (user.statusReason() == null ? "" : " (" + user.statusReason() + ")")
                            + "; ask an admin to reinstate the account");
        }
        return Caller.builder()
                .userId(user.id())
                .role(user.role())
                .region(user.region())
                .team(user.team())
                .requestId(claimed.requestId())
                .sourceIp(claimed.sourceIp())
                .build();
    }

    public User me(Caller caller) {
        return store.find(caller.userId())
                .orElseThrow(() -> new NotFoundException(TYPE, caller.userId()));
    }

    public User get(String id, Caller caller) {
        User user = store.find(id).orElseThrow(() -> new NotFoundException(TYPE, id));
        if (!policy.mayRead(TYPE, caller, user.ownership())) {
            throw new NotFoundException(TYPE, id);
        }
        return user;
    }

    /** Any user, without scope: for the system's own lookups (owner teams, successors). */
    public User find(String id) {
        return store.find(id).orElseThrow(() -> new NotFoundException(TYPE, id));
    }

    /** The user if they exist and the caller may see them. */
    public Optional<User> findVisible(String id, Caller caller) {
        return store.find(id).filter(user -> policy.mayRead(TYPE, caller, user.ownership()));
    }

    /** Users by id, without scope (one batch read): check each with {@link #mayRead}. */
    public Map<String, User> findAll(Set<String> ids) {
        return store.findAll(ids);
    }

    /** Whether the caller may see this user, e.g. a customer's owner. */
    public boolean mayRead(User user, Caller caller) {
        return policy.mayRead(TYPE, caller, user.ownership());
    }

    public Optional<User> findOptional(String id) {
        return store.find(id);
    }

    public Page<User> list(UserFilter filter, PageRequest page, Caller caller) {
        Scope scope = policy.readScope(TYPE, caller.role());
        if (scope == Scope.OWN) {
            // a user's own scope is their own record: one entry, no index query
            return page.afterSortKey().isPresent() ? empty() : self(filter, caller);
        }
        return RowScope.narrow(filter, scope, caller)
                .map(scoped -> store.list(scoped, page))
                .orElseGet(UserService::empty);
    }

    public User create(UserInput input, Caller caller) {
        policy.requireWritableFields(TYPE, caller.role(), input.writtenFields());
        String id = UserRules.id(input.id());
        UserProfile profile = UserRules.forCreate(input);
        requireManager(profile.managerId(), id);
        Instant now = clock.instant();
        User user = User.newActive(id == null ? newId.get() : id, profile, now);
        policy.requireWrite(TYPE, user.id(), caller, user.ownership(), "createUser");
        return store.insert(user, WriteStamp.of(caller, now))
                .orElseThrow(
                        () ->
                                new ValidationException(
                                        new FieldProblem(
                                                "id",
                                                "unique",
                                                "user " + user.id() + " already exists",
                                                null)));
    }

    public User update(String id, long expectedVersion, UserInput patch, Caller caller) {
        policy.requireWritableFields(TYPE, caller.role(), patch.writtenFields());
        if (patch.id() != null && !patch.id().equals(id)) {
            throw new ValidationException(
                    FieldProblem.of("input.id", "immutable", "a user's id cannot change"));
        }
        User current = writable(id, expectedVersion, caller, "updateUser");
        UserProfile profile = UserRules.forUpdate(current.profile(), patch);
        requireManager(profile.managerId(), id);
        Instant now = clock.instant();
        User next = current.withProfile(profile, now);
        policy.requireWrite(TYPE, id, caller, next.ownership(), "updateUser");
        return written(store.replace(current, next, WriteStamp.of(caller, now)));
    }

    /**
     * Suspends an ACTIVE user; an already suspended one is returned unchanged, so a repeated call
     * can finish what follows the suspension.
     */
    public User suspend(String id, String reason, Caller caller) {
        String checked = UserRules.reason(reason);
        requireNotSelf(id, caller, "suspend");
        User current = writable(id, null, caller, "suspendUser");
        if (current.status() == UserStatus.SUSPENDED) {
            // a repeat resumes what follows the suspension (the open leads' handover)
            return current;
        }
        if (current.status() != UserStatus.ACTIVE) {
            throw new ValidationException(
                    FieldProblem.of(
                            "id",
                            "active",
                            "user " + id + " is " + current.status() + ", not ACTIVE"));
        }
        return setStatus(
                current,
                UserStatus.SUSPENDED,
                checked,
                null,
                WriteStamp.of(caller, clock.instant()));
    }

    public User reinstate(String id, Caller caller) {
        User current = writable(id, null, caller, "reinstateUser");
        if (current.status() == UserStatus.ACTIVE) {
            // a repeat resumes what follows the reinstatement (the pool drain into the user)
            return current;
        }
        if (current.status() != UserStatus.SUSPENDED) {
            throw new ValidationException(
                    FieldProblem.of(
                            "id",
                            "suspended",
                            "user " + id + " is " + current.status() + ", not SUSPENDED"));
        }
        return setStatus(
                current, UserStatus.ACTIVE, null, null, WriteStamp.of(caller, clock.instant()));
    }

    /**
     * Marks the user LEFT with who takes over their customers; repeating it on a departed user
     * whose handover did not finish returns them unchanged, so the handover can be resumed.
     */
    public User markLeft(String id, User successor, Caller caller) {
        requireNotSelf(id, caller, "offboard");
        User current = writable(id, null, caller, "offboardUser");
        if (current.status() == UserStatus.LEFT) {
            return current;
        }
        return setStatus(
                current,
                UserStatus.LEFT,
                "off-boarded; customers handed to " + successor.id(),
                successor.id(),
                WriteStamp.of(caller, clock.instant()));
    }

    /**
     * The breaker's suspension: stamped as the system acting on the caller's request. An admin's
     * edit racing it is re-read: the suspension must still land.
     */
    public User suspendBySystem(String id, String reason, WriteStamp stamp) {
        return ConflictRetry.standard()
                .run(
                        attempt -> {
                            User current = find(id);
                            if (current.status() != UserStatus.ACTIVE) {
                                return current;
                            }
                            return setStatus(current, UserStatus.SUSPENDED, reason, null, stamp);
                        });
    }

    /** Every ACTIVE user of a role, for notifying e.g. every admin. */
    public List<User> activeWithRole(Role role) {
        return everyone(new UserFilter(role, null, null, UserStatus.ACTIVE));
    }

    /**
     * Every user matching the filter, whatever the caller: for the system's own decisions
     * (assignment, escalation).
     */
    public List<User> everyone(UserFilter filter) {
        return Pages.all(page -> store.list(filter, page)).toList();
    }

    private User setStatus(
            User current, UserStatus status, String reason, String handoverTo, WriteStamp stamp) {
        return written(
                store.replace(
                        current,
                        current.withStatus(status, reason, handoverTo, stamp.at()),
                        stamp));
    }

    private User written(User user) {
        // this container sees its own status changes at once; others within the cache TTL
        statusCache.remove(user.id());
        return user;
    }

    private User writable(String id, Long expectedVersion, Caller caller, String operation) {
        User current = store.find(id).orElseThrow(() -> new NotFoundException(TYPE, id));
        policy.requireWrite(TYPE, id, caller, current.ownership(), operation);
        if (expectedVersion != null && current.version() != expectedVersion) {
            throw new VersionConflictException(id, expectedVersion, current.version());
        }
        return current;
    }

    private void requireManager(String managerId, String userId) {
        if (managerId == null) {
            return;
        }
        if (managerId.equals(userId)) {
            throw new ValidationException(
                    FieldProblem.of("managerId", "notSelf", "a user cannot be their own manager"));
        }
        if (store.find(managerId).isEmpty()) {
            throw new ValidationException(
                    FieldProblem.of("managerId", "exists", "no user " + managerId));
        }
    }

    private static void requireNotSelf(String id, Caller caller, String action) {
        if (id.equals(caller.userId())) {
            throw new ValidationException(
                    FieldProblem.of(
                            "id", "notSelf", "an admin cannot " + action + " their own account"));
        }
    }

    private User current(String id) {
        Cached cached = statusCache.get(id);
        long now = System.nanoTime();
        if (cached != null && now - cached.readAtNanos() < statusCacheTtl.toNanos()) {
            return cached.user();
        }
        User user =
                store.find(id)
                        .orElseThrow(
                                () ->
                                        new UnauthenticatedException(
                                                "no user "
                                                        + id
                                                        + " in this org; an admin must create the account first"));
        statusCache.put(id, new Cached(user, now));
        return user;
    }

    private Page<User> self(UserFilter filter, Caller caller) {
        User me = me(caller);
        boolean matches =
                (filter.role() == null || filter.role() == me.role())
                        && (filter.status() == null || filter.status() == me.status())
                        && (filter.team() == null || filter.team().equals(me.team()))
                        && (filter.region() == null || filter.region().equals(me.region()));
        return matches
                ? new Page<>(List.of(new Page.Entry<>(me, Cursor.encode(me.id()))), false)
                : empty();
    }

    private static Page<User> empty() {
        return new Page<>(List.of(), false);
    }
}

package org.opencrm.core.user;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.opencrm.core.access.Role;

/**
 * Who hears about someone's work going wrong (a stale deal, an idle rep): their team lead (their
 * manager if that is an active team lead, else the active team leads of the team), else the active
 * region managers of the region (their manager first if that is one), else the active admins, so
 * the news is not lost.
 */
public final class ManagersOf {

    private final UserService users;

    public ManagersOf(UserService users) {
        this.users = users;
    }

    /**
     * @param ownerId the person concerned, whose manager is asked first; may be null
     * @param region the region of the work, when no team lead is found
     * @param team the team of the work
     */
    public List<String> of(String ownerId, String region, String team) {
        Optional<User> owner = ownerId == null ? Optional.empty() : users.findOptional(ownerId);
        Optional<User> directManager =
                owner.map(User::managerId)
                        .flatMap(users::findOptional)
                        .filter(user -> user.status() == UserStatus.ACTIVE);
        if (directManager.filter(user -> user.role() == Role.TEAM_LEAD).isPresent()) {
            return List.of(directManager.get().id());
        }
        List<String> teamLeads = active(Role.TEAM_LEAD, null, team);
        if (!teamLeads.isEmpty()) {
            return teamLeads;
        }
        if (directManager.filter(user -> user.role() == Role.REGION_MANAGER).isPresent()) {
            return List.of(directManager.get().id());
        }
        List<String> regionManagers = active(Role.REGION_MANAGER, region, null);
        if (!regionManagers.isEmpty()) {
            return regionManagers;
        }
        return users.activeWithRole(Role.ADMIN).stream().map(User::id).toList();
    }

    private List<String> active(Role role, String region, String team) {
        if (region == null && team == null) {
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        users.everyone(new UserFilter(role, region, team, UserStatus.ACTIVE))
                .forEach(user -> ids.add(user.id()));
        return List.copyOf(ids);
    }
}

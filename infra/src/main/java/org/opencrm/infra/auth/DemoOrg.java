package org.opencrm.infra.auth;

import java.util.List;
import java.util.Optional;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;

/**
 * The demo organisation: the local stand-in for the Cognito user pool. Ids are stable (tests,
 * scripts and the demo data refer to them); role, region and team travel as the ID-token claims
 * {@code custom:role}, {@code custom:region}, {@code custom:team}, as in AWS.
 */
public final class DemoOrg {

    public static final String EAST = "east";
    public static final String SOUTH = "south";
    public static final String TEAM_EAST_A = "east-a";
    public static final String TEAM_EAST_B = "east-b";
    public static final String TEAM_SOUTH_A = "south-a";

    /** The customer service team (issue 17): demo-cs and its supervisor demo-cs-lead. */
    public static final String TEAM_SERVICE = "service";

    /**
     * One user of the demo org.
     *
     * @param region empty for roles that span regions
     * @param team empty for roles above team level
     * @param managerId who takes over this user's customers when they leave
     */
    public record DemoUser(
            String id,
            String displayName,
            String role,
            Optional<String> region,
            Optional<String> team,
            Optional<String> managerId) {

        public String email() {
            return id + "@demo.opencrm.local";
        }

        /** This user calling the services directly from this machine, as benches and tools do. */
        public Caller caller(String requestId) {
            return Caller.builder()
                    .userId(id)
                    .role(Role.valueOf(role))
                    .region(region.orElse(null))
                    .team(team.orElse(null))
                    .requestId(requestId)
                    .sourceIp("127.0.0.1")
                    .build();
        }
    }

    public static final DemoUser ADMIN = staff("demo-admin", "Admin", "ADMIN", null);
    public static final DemoUser DIRECTOR =
            staff("demo-director", "Ops Director", "OPS_DIRECTOR", null);
    public static final DemoUser CS_LEAD =
            new DemoUser(
                    "demo-cs-lead",
                    "Service Supervisor",
                    "SERVICE_SUPERVISOR",
                    Optional.empty(),
                    Optional.of(TEAM_SERVICE),
                    Optional.of(ADMIN.id()));
    public static final DemoUser CUSTOMER_SERVICE =
            new DemoUser(
                    "demo-cs",
                    "Customer Service",
                    "CUSTOMER_SERVICE",
                    Optional.empty(),
                    Optional.of(TEAM_SERVICE),
                    Optional.of(CS_LEAD.id()));
    public static final DemoUser FINANCE = staff("demo-finance", "Finance", "FINANCE", ADMIN);
    public static final DemoUser MANAGER_EAST =
            new DemoUser(
                    "demo-manager-east",
                    "Manager East",
                    "REGION_MANAGER",
                    Optional.of(EAST),
                    Optional.empty(),
                    Optional.of(DIRECTOR.id()));
    public static final DemoUser LEAD_A =
            member("demo-lead-a", "Lead A", "TEAM_LEAD", EAST, TEAM_EAST_A, MANAGER_EAST);
    public static final DemoUser REP_A1 =
            member("demo-rep-a1", "Rep A1", "SALES_REP", EAST, TEAM_EAST_A, LEAD_A);
    public static final DemoUser REP_A2 =
            member("demo-rep-a2", "Rep A2", "SALES_REP", EAST, TEAM_EAST_A, LEAD_A);
    public static final DemoUser LEAD_B =
            member("demo-lead-b", "Lead B", "TEAM_LEAD", EAST, TEAM_EAST_B, MANAGER_EAST);
    public static final DemoUser REP_B1 =
            member("demo-rep-b1", "Rep B1", "SALES_REP", EAST, TEAM_EAST_B, LEAD_B);
    public static final DemoUser LEAD_S =
            member("demo-lead-s", "Lead S", "TEAM_LEAD", SOUTH, TEAM_SOUTH_A, DIRECTOR);
    public static final DemoUser REP_S1 =
            member("demo-rep-s1", "Rep S1", "SALES_REP", SOUTH, TEAM_SOUTH_A, LEAD_S);

    public static final List<DemoUser> USERS =
            List.of(
                    LEAD_A,
                    REP_A1,
                    REP_A2,
                    LEAD_B,
                    REP_B1,
                    LEAD_S,
                    REP_S1,
                    MANAGER_EAST,
                    CS_LEAD,
                    CUSTOMER_SERVICE,
                    FINANCE,
                    DIRECTOR,
                    ADMIN);

    public static final List<DemoUser> SALES_REPS = List.of(REP_A1, REP_A2, REP_B1, REP_S1);

    private DemoOrg() {}

    public static Optional<DemoUser> user(String id) {
        return USERS.stream().filter(user -> user.id().equals(id)).findFirst();
    }

    private static DemoUser member(
            String id, String name, String role, String region, String team, DemoUser manager) {
        return new DemoUser(
                id, name, role, Optional.of(region), Optional.of(team), Optional.of(manager.id()));
    }

    private static DemoUser staff(String id, String name, String role, DemoUser manager) {
        return new DemoUser(
                id,
                name,
                role,
                Optional.empty(),
                Optional.empty(),
                Optional.ofNullable(manager).map(DemoUser::id));
    }
}

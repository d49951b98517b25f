package org.opencrm.core.access;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencrm.core.error.ErrorCode;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.testing.TestCallers;

/**
 * The shipped access policy against the spec's own words (R-27 roles and row scope, R-28 the field
 * matrix). Every expected value here is written from the requirement, not read back from
 * policy.yaml.
 */
class AccessPolicyTest {

    private static final String CUSTOMER = "Customer";
    private static final String USER = "User";

    private final AccessPolicy policy = AccessPolicy.standard();

    private Set<Role> readersOf(String type, String field) {
        return Arrays.stream(Role.values())
                .filter(role -> policy.mayReadField(type, field, role))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    private Set<Role> callersOf(String rootType, String field) {
        return Arrays.stream(Role.values())
                .filter(role -> policy.mayCall(rootType, field, role))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    private static Caller caller(String id, Role role, String region, String team) {
        return TestCallers.named(id, role, region, team);
    }

    // ------------------------------------------------------------------ R-28 field matrix

    @Test
    void mayReadField_nationalId_onlyFinanceAndAdmin() {
        // GIVEN the standard policy
        // WHEN every one of the seven roles asks to read Customer.nationalId
        Set<Role> readers = readersOf(CUSTOMER, "nationalId");

        // THEN exactly FINANCE and ADMIN may
        assertEquals(EnumSet.of(Role.FINANCE, Role.ADMIN), readers);
    }

    @Test
    void mayReadField_contractAmount_onlyFinanceAndAdmin() {
        // GIVEN the standard policy
        // WHEN every role asks to read Customer.contractAmount
        Set<Role> readers = readersOf(CUSTOMER, "contractAmount");

        // THEN exactly FINANCE and ADMIN may
        assertEquals(EnumSet.of(Role.FINANCE, Role.ADMIN), readers);
    }

    @Test
    void mayReadField_leadExtra_noWiderThanTheRawRecord() {
        // GIVEN Lead.extra, raw fields no alias map knew: they may be anything, e.g. an unmapped
        // id column, so they are no more readable than the raw record
        // WHEN every role asks to read it
        Set<Role> readers = readersOf("Lead", "extra");

        // THEN sellers and customer service may not; finance, the ops director and admin may
        assertEquals(EnumSet.of(Role.FINANCE, Role.OPS_DIRECTOR, Role.ADMIN), readers);
        assertTrue(policy.isReadRestricted("Lead", "extra"));
    }

    @Test
    void isReadRestricted_nationalIdAndContractAmount_areRestricted() {
        // GIVEN fields some roles may not read
        // WHEN the policy is asked whether they are restricted
        // THEN both are, so exports and audit trails withhold them from other roles
        assertTrue(policy.isReadRestricted(CUSTOMER, "nationalId"));
        assertTrue(policy.isReadRestricted(CUSTOMER, "contractAmount"));
    }

    @Test
    void mayWriteField_customerService_writesServiceNotes_butNotExpectedDealAmountNorOwner() {
        // GIVEN a CUSTOMER_SERVICE agent, who reads and services the customers they serve (R-27,
        //
        Role agent = Role.CUSTOMER_SERVICE;

        // WHEN the policy is asked which of these fields the agent may write
        // THEN service notes yes; the expected deal amount and the owner no
        assertTrue(policy.mayWriteField(CUSTOMER, "serviceNotes", agent));
        assertFalse(policy.mayWriteField(CUSTOMER, "expectedDealAmount", agent));
        assertFalse(policy.mayWriteField(CUSTOMER, "ownerId", agent));
    }

    @Test
    void mayWriteField_finance_writesContractAmount_butNotTheCustomersName() {
        // GIVEN FINANCE, who writes contract money fields
        // WHEN asked about the contract amount and a non-money field
        // THEN the contract amount is writable, the name is not
        assertTrue(policy.mayWriteField(CUSTOMER, "contractAmount", Role.FINANCE));
        assertFalse(policy.mayWriteField(CUSTOMER, "name", Role.FINANCE));
    }

    @Test
    void mayWriteField_opsDirector_writesNoCustomerField() {
        // GIVEN OPS_DIRECTOR, who reads every customer and changes none
        // WHEN asked about every field of the customer matrix
        List<String> writable =
                policy.matrixFields(CUSTOMER).stream()
                        .filter(field -> policy.mayWriteField(CUSTOMER, field, Role.OPS_DIRECTOR))
                        .toList();

        // THEN none is writable
        assertEquals(List.of(), writable);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = "ADMIN", mode = EnumSource.Mode.EXCLUDE)
    void mayWriteField_userFields_onlyAdmin(Role role) {
        // GIVEN a role other than ADMIN (user management is ADMIN's alone, R-27)
        // WHEN asked about every field of the user matrix
        List<String> writable =
                policy.matrixFields(USER).stream()
                        .filter(field -> policy.mayWriteField(USER, field, role))
                        .toList();

        // THEN the role writes none of them
        assertEquals(List.of(), writable, role + " may write user fields");
    }

    @Test
    void mayWriteField_admin_writesTheUserProfile() {
        // GIVEN ADMIN, who manages users
        // WHEN asked about the profile fields an admin sets
        // THEN each of them is writable
        for (String field : List.of("name", "email", "role", "region", "team", "managerId")) {
            assertTrue(policy.mayWriteField(USER, field, Role.ADMIN), field);
        }
    }

    // ------------------------------------------------------------------ R-27 row scope

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyRole_hasReadAndWriteScopes_forCustomerAndUser(Role role) {
        // GIVEN any of the seven roles
        // WHEN its scopes for the two row-scoped types are asked for
        // THEN each exists (an unlisted role would fail at load or throw here)
        for (String type : List.of(CUSTOMER, USER)) {
            assertNotNull(
                    assertDoesNotThrow(() -> policy.readScope(type, role)), type + " read " + role);
            assertNotNull(
                    assertDoesNotThrow(() -> policy.writeScope(type, role)),
                    type + " write " + role);
        }
    }

    @Test
    void customerReadScope_followsTheRoleTable() {
        // GIVEN R-27: rep own records, lead own team, region manager own region, service the
        // customers
        // they serve, finance / ops director / admin every customer
        Map<Role, Scope> expected =
                Map.of(
                        Role.SALES_REP, Scope.OWN,
                        Role.TEAM_LEAD, Scope.TEAM,
                        Role.REGION_MANAGER, Scope.REGION,
                        Role.CUSTOMER_SERVICE, Scope.SERVED,
                        Role.FINANCE, Scope.ALL,
                        Role.OPS_DIRECTOR, Scope.ALL,
                        Role.ADMIN, Scope.ALL);

        // WHEN / THEN each role's customer read scope is the one the table names
        expected.forEach(
                (role, scope) ->
                        assertEquals(scope, policy.readScope(CUSTOMER, role), role.name()));
    }

    @Test
    void customerWriteScope_opsDirectorNone_sellersTheirOwnScope() {
        // GIVEN R-27: sellers change what they read, the ops director only reads, admin changes all
        // WHEN / THEN
        assertEquals(Scope.OWN, policy.writeScope(CUSTOMER, Role.SALES_REP));
        assertEquals(Scope.TEAM, policy.writeScope(CUSTOMER, Role.TEAM_LEAD));
        assertEquals(Scope.REGION, policy.writeScope(CUSTOMER, Role.REGION_MANAGER));
        assertEquals(Scope.SERVED, policy.writeScope(CUSTOMER, Role.CUSTOMER_SERVICE));
        assertEquals(Scope.NONE, policy.writeScope(CUSTOMER, Role.OPS_DIRECTOR));
        assertEquals(Scope.ALL, policy.writeScope(CUSTOMER, Role.ADMIN));
    }

    @Test
    void userScope_onlyAdminWrites_andAdminReadsAll() {
        // GIVEN R-27: ADMIN manages users
        // WHEN / THEN admin reads and writes every user, every other role writes none
        assertEquals(Scope.ALL, policy.readScope(USER, Role.ADMIN));
        assertEquals(Scope.ALL, policy.writeScope(USER, Role.ADMIN));
        for (Role role : EnumSet.complementOf(EnumSet.of(Role.ADMIN))) {
            assertEquals(Scope.NONE, policy.writeScope(USER, role), role.name());
        }
    }

    @Test
    void requireWrite_outsideReadScope_isNotFound_insideReadButOutsideWrite_isForbidden() {
        // GIVEN an ops director (reads all, writes none) and a rep who does not own the record
        Ownership record = new Ownership("owner-1", "t-a", "r-a", null);
        Caller ops = caller("ops-1", Role.OPS_DIRECTOR, null, null);
        Caller stranger = caller("rep-2", Role.SALES_REP, "r-a", "t-a");

        // WHEN each tries to change it
        // THEN the rep cannot even see it (NOT_FOUND, no existence leak); the ops director sees it
        // but is FORBIDDEN
        assertThrows(
                NotFoundException.class,
                () -> policy.requireWrite(CUSTOMER, "c-1", stranger, record, "updateCustomer"));
        assertThrows(
                ForbiddenException.class,
                () -> policy.requireWrite(CUSTOMER, "c-1", ops, record, "updateCustomer"));
        assertDoesNotThrow(
                () ->
                        policy.requireWrite(
                                CUSTOMER,
                                "c-1",
                                caller("owner-1", Role.SALES_REP, "r-a", "t-a"),
                                record,
                                "updateCustomer"));
    }

    // ------------------------------------------------------------------ refusing writes whole

    @Test
    void requireWritableFields_refusesWholeWrite_namingEveryRefusedFieldSorted() {
        // GIVEN a customer-service write naming one allowed and two refused fields, refused ones
        // out of order
        List<String> written = List.of("serviceNotes", "ownerId", "expectedDealAmount");

        // WHEN the policy checks it
        ForbiddenFieldException refused =
                assertThrows(
                        ForbiddenFieldException.class,
                        () ->
                                policy.requireWritableFields(
                                        CUSTOMER, Role.CUSTOMER_SERVICE, written));

        // THEN it is refused, naming both refused fields sorted and not the allowed one
        assertEquals(List.of("expectedDealAmount", "ownerId"), refused.fields());
        assertEquals(ErrorCode.FORBIDDEN_FIELD, refused.code());
        assertEquals(List.of("expectedDealAmount", "ownerId"), refused.details().get("fields"));
    }

    @Test
    void requireWritableFields_acceptsAWriteOfOnlyWritableFields() {
        // GIVEN a write naming only fields the role may write
        // WHEN / THEN nothing is refused
        assertDoesNotThrow(
                () ->
                        policy.requireWritableFields(
                                CUSTOMER, Role.CUSTOMER_SERVICE, List.of("serviceNotes")));
        assertDoesNotThrow(
                () ->
                        policy.requireWritableFields(
                                CUSTOMER, Role.FINANCE, List.of("contractAmount")));
    }

    // ------------------------------------------------------------------ operations

    @Test
    void mayCall_deleteCustomer_onlyAdmin() {
        // GIVEN deleting a customer, an admin-only sensitive operation
        // WHEN / THEN only ADMIN may call it
        assertEquals(EnumSet.of(Role.ADMIN), callersOf("Mutation", "deleteCustomer"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "createUser",
                "updateUser",
                "suspendUser",
                "reinstateUser",
                "offboardUser",
                "setConfiguration",
                "rollbackConfig"
            })
    void mayCall_userAndConfigurationManagement_onlyAdmin(String mutation) {
        // GIVEN a user- or configuration-management mutation (R-27: ADMIN's alone)
        // WHEN / THEN only ADMIN may call it
        assertEquals(EnumSet.of(Role.ADMIN), callersOf("Mutation", mutation), mutation);
    }

    @Test
    void mayCall_readingConfiguration_onlyAdmin() {
        // GIVEN the configuration queries
        // WHEN / THEN only ADMIN may call them
        assertEquals(EnumSet.of(Role.ADMIN), callersOf("Query", "configuration"));
        assertEquals(EnumSet.of(Role.ADMIN), callersOf("Query", "configurationHistory"));
    }

    @Test
    void mayCall_unknownOperation_isRefusedForEveryone() {
        // GIVEN an operation the policy does not list
        // WHEN / THEN nobody may call it (nothing is reachable by accident)
        assertEquals(EnumSet.noneOf(Role.class), callersOf("Mutation", "dropAllCustomers"));
    }

    // ------------------------------------------------------------------ Ownership.within

    @Test
    void within_all_reachesAnyRecord_none_reachesNone() {
        // GIVEN a record with nothing set and one owned by the caller
        Caller me = caller("u-1", Role.ADMIN, "r-a", "t-a");
        Ownership empty = new Ownership(null, null, null, null);
        Ownership mine = new Ownership("u-1", "t-a", "r-a", "u-1");

        // WHEN / THEN ALL reaches both, NONE reaches neither
        assertTrue(empty.within(Scope.ALL, me));
        assertTrue(mine.within(Scope.ALL, me));
        assertFalse(empty.within(Scope.NONE, me));
        assertFalse(mine.within(Scope.NONE, me));
    }

    @Test
    void within_own_reachesOnlyRecordsTheCallerOwns() {
        // GIVEN a caller and records owned by them and by someone else in the same team
        Caller me = caller("u-1", Role.SALES_REP, "r-a", "t-a");

        // WHEN / THEN only the caller's own record is reached
        assertTrue(new Ownership("u-1", "t-a", "r-a", null).within(Scope.OWN, me));
        assertFalse(new Ownership("u-2", "t-a", "r-a", null).within(Scope.OWN, me));
        assertFalse(new Ownership(null, "t-a", "r-a", null).within(Scope.OWN, me));
    }

    @Test
    void within_team_reachesRecordsOfTheCallersTeam_andNothingWhenTheCallerHasNoTeam() {
        // GIVEN a lead of team t-a and a caller without team
        Caller lead = caller("u-1", Role.TEAM_LEAD, "r-a", "t-a");
        Caller teamless = caller("u-9", Role.TEAM_LEAD, "r-a", null);

        // WHEN / THEN team t-a's record is reached, another team's is not; no team reaches nothing,
        // not even a record without team
        assertTrue(new Ownership("u-2", "t-a", "r-b", null).within(Scope.TEAM, lead));
        assertFalse(new Ownership("u-2", "t-b", "r-a", null).within(Scope.TEAM, lead));
        assertFalse(new Ownership("u-2", null, "r-a", null).within(Scope.TEAM, lead));
        assertFalse(new Ownership("u-2", null, "r-a", null).within(Scope.TEAM, teamless));
    }

    @Test
    void within_region_reachesRecordsOfTheCallersRegion_andNothingWhenTheCallerHasNoRegion() {
        // GIVEN a manager of region r-a and a caller without region
        Caller manager = caller("u-1", Role.REGION_MANAGER, "r-a", null);
        Caller regionless = caller("u-9", Role.REGION_MANAGER, null, null);

        // WHEN / THEN
        assertTrue(new Ownership("u-2", "t-x", "r-a", null).within(Scope.REGION, manager));
        assertFalse(new Ownership("u-2", "t-x", "r-b", null).within(Scope.REGION, manager));
        assertFalse(new Ownership("u-2", "t-x", null, null).within(Scope.REGION, regionless));
    }

    @Test
    void within_served_reachesOnlyCustomersTheCallerServes() {
        // GIVEN a service agent
        Caller agent = caller("cs-1", Role.CUSTOMER_SERVICE, "r-a", "t-a");

        // WHEN / THEN the customer they serve is reached; one served by another agent, or by
        // nobody, is not
        assertTrue(new Ownership("u-2", "t-b", "r-b", "cs-1").within(Scope.SERVED, agent));
        assertFalse(new Ownership("u-2", "t-a", "r-a", "cs-2").within(Scope.SERVED, agent));
        assertFalse(new Ownership("u-2", "t-a", "r-a", null).within(Scope.SERVED, agent));
    }

    // ------------------------------------------------------------------ R-27 leads and the pool

    @Test
    void leadScope_teamLeadReachesOwnedLeadsOfTheTeamOnly_butEveryUnownedLeadOfTheRegion() {
        // GIVEN a team lead of team t-a in region r-a (R-27 team; R-12 the region's pool)
        Caller lead = caller("u-1", Role.TEAM_LEAD, "r-a", "t-a");
        Ownership ownTeams = new Ownership("rep-1", "t-a", "r-a", null);
        Ownership otherTeams = new Ownership("rep-2", "t-b", "r-a", null);
        Ownership pooledHere = new Ownership(null, null, "r-a", null);
        Ownership pooledElsewhere = new Ownership(null, null, "r-b", null);

        // WHEN / THEN owned leads by team, unowned ones by region
        assertTrue(policy.mayRead("Lead", lead, ownTeams));
        assertFalse(policy.mayRead("Lead", lead, otherTeams));
        assertTrue(policy.mayRead("Lead", lead, pooledHere));
        assertFalse(policy.mayRead("Lead", lead, pooledElsewhere));
        assertTrue(policy.mayReadPool("Lead", "r-a", lead));
        assertFalse(policy.mayReadPool("Lead", "r-b", lead));
        assertThrows(
                NotFoundException.class,
                () -> policy.requireWrite("Lead", "l-2", lead, otherTeams, "assignLead"));
        assertDoesNotThrow(
                () -> policy.requireWrite("Lead", "l-3", lead, pooledHere, "assignLead"));
    }

    @Test
    void leadPool_salesRepSeesNoPool_opsDirectorReadsEveryPoolButChangesNone() {
        // GIVEN an unowned lead of region r-a
        Ownership pooled = new Ownership(null, null, "r-a", null);
        Caller rep = caller("u-2", Role.SALES_REP, "r-a", "t-a");
        Caller director = caller("u-3", Role.OPS_DIRECTOR, null, null);

        // WHEN / THEN a rep does not see it; the director sees it and may not change it
        assertFalse(policy.mayReadPool("Lead", "r-a", rep));
        assertTrue(policy.mayRead("Lead", director, pooled));
        assertThrows(
                ForbiddenException.class,
                () -> policy.requireWrite("Lead", "l-4", director, pooled, "assignLead"));
    }
}

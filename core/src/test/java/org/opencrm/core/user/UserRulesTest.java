package org.opencrm.core.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencrm.core.access.Role;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

/** Validation of what an admin sends for a user. Pure. */
class UserRulesTest {

    private static UserInput input(
            String name,
            String email,
            String role,
            String region,
            String team,
            Double decay,
            Integer capacity) {
        return UserInput.builder()
                .name(name)
                .email(email)
                .role(role)
                .region(region)
                .team(team)
                .decay(decay)
                .capacity(capacity)
                .build();
    }

    private static UserInput valid() {
        return input("Wang Fang", "wang@example.com", "SALES_REP", "east", "t-1", null, null);
    }

    private static UserInput withDecay(double decay) {
        return input("Wang Fang", null, "SALES_REP", null, null, decay, null);
    }

    private static UserInput withCapacity(int capacity) {
        return input("Wang Fang", null, "SALES_REP", null, null, null, capacity);
    }

    /** The problems of a refused input, as field -> rule. */
    private static Map<String, String> rulesOf(UserInput input) {
        ValidationException refused =
                assertThrows(ValidationException.class, () -> UserRules.forCreate(input));
        return refused.problems().stream()
                .collect(Collectors.toMap(FieldProblem::field, FieldProblem::rule));
    }

    @Test
    void forCreate_acceptsAValidUser() {
        // GIVEN a complete, valid user
        // WHEN it is checked
        UserProfile profile = UserRules.forCreate(valid());

        // THEN the profile carries its values, the role parsed
        assertEquals("Wang Fang", profile.name());
        assertEquals(Role.SALES_REP, profile.role());
        assertEquals("east", profile.region());
        assertEquals("t-1", profile.team());
    }

    @Test
    void forCreate_requiresNameAndRole() {
        // GIVEN a user with neither name nor role
        // WHEN it is checked
        Map<String, String> rules = rulesOf(input(null, null, null, null, null, null, null));

        // THEN both are reported as required
        assertEquals(Map.of("name", "required", "role", "required"), rules);
    }

    @Test
    void forCreate_refusesABlankName() {
        // GIVEN a name of spaces
        // WHEN / THEN it is required, like a missing one
        assertEquals(
                Map.of("name", "required"),
                rulesOf(input("   ", null, "ADMIN", null, null, null, null)));
    }

    @Test
    void forCreate_refusesAMalformedEmail() {
        // GIVEN an email without @ and domain
        // WHEN / THEN the email rule refuses it
        assertEquals(
                Map.of("email", "email"),
                rulesOf(
                        input(
                                "Wang Fang",
                                "wang-at-example",
                                "SALES_REP",
                                null,
                                null,
                                null,
                                null)));
    }

    @Test
    void forCreate_refusesARoleOutsideTheSevenRoles_withRuleOneOf() {
        // GIVEN a role that is not one of R-27's seven
        // WHEN it is checked
        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () ->
                                UserRules.forCreate(
                                        input("Wang Fang", null, "CEO", null, null, null, null)));

        // THEN the role is refused with rule oneOf, the message naming what was sent
        FieldProblem problem = refused.problems().get(0);
        assertEquals("role", problem.field());
        assertEquals("oneOf", problem.rule());
        assertTrue(problem.message().contains("CEO"), problem.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"East", "east region", "-east", "east_1", "é"})
    void forCreate_refusesRegionAndTeamThatAreNotSlugs(String notASlug) {
        // GIVEN a region and a team that are not lower-case letters, digits and dashes
        // WHEN they are checked
        Map<String, String> rules =
                rulesOf(input("Wang Fang", null, "SALES_REP", notASlug, notASlug, null, null));

        // THEN both are refused by the pattern rule
        assertEquals(Map.of("region", "pattern", "team", "pattern"), rules);
    }

    @Test
    void forCreate_acceptsSlugsForRegionAndTeam() {
        // GIVEN slugs of letters, digits and dashes starting with a letter or digit
        UserProfile profile =
                UserRules.forCreate(
                        input("Wang Fang", null, "SALES_REP", "north-2", "9-lions", null, null));

        // THEN both are kept
        assertEquals("north-2", profile.region());
        assertEquals("9-lions", profile.team());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.09, 10.01, 11, -1})
    void forCreate_refusesDecayOutside_0_1_to_10(double decay) {
        // GIVEN a decay coefficient outside 0.1..10
        // WHEN / THEN it is refused by the range rule
        assertEquals(Map.of("decay", "range"), rulesOf(withDecay(decay)));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 1.0, 10.0})
    void forCreate_acceptsDecayWithin_0_1_to_10_boundsIncluded(double decay) {
        // GIVEN a decay coefficient within the range, bounds included
        // WHEN / THEN it is kept
        assertEquals(decay, UserRules.forCreate(withDecay(decay)).decay());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 10_001, Integer.MAX_VALUE})
    void forCreate_refusesCapacityOutside_0_to_10000(int capacity) {
        // GIVEN a capacity outside 0..10000
        // WHEN / THEN it is refused by the range rule
        assertEquals(Map.of("capacity", "range"), rulesOf(withCapacity(capacity)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 10_000})
    void forCreate_acceptsCapacityAtTheBounds(int capacity) {
        // GIVEN a capacity at either bound
        // WHEN / THEN it is kept
        assertEquals(capacity, UserRules.forCreate(withCapacity(capacity)).capacity());
    }

    @Test
    void forCreate_reportsEveryProblemTogether() {
        // GIVEN an input where every checked field is bad
        UserInput bad = input(" ", "nope", "BOSS", "East", "Team A", 0.0, -5);

        // WHEN it is checked
        ValidationException refused =
                assertThrows(ValidationException.class, () -> UserRules.forCreate(bad));

        // THEN all seven problems are reported at once, not just the first
        List<String> fields =
                refused.problems().stream().map(FieldProblem::field).sorted().toList();
        assertEquals(
                List.of("capacity", "decay", "email", "name", "region", "role", "team"), fields);
    }

    @Test
    void forUpdate_keepsUnsentFields_andChecksSentOnes() {
        // GIVEN a valid current profile
        UserProfile current = UserRules.forCreate(valid());

        // WHEN an update sends only a bad capacity
        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () ->
                                UserRules.forUpdate(
                                        current, UserInput.builder().capacity(20_000).build()));

        // THEN only capacity is refused; an update sending a new name keeps everything else
        assertEquals(
                List.of("capacity"), refused.problems().stream().map(FieldProblem::field).toList());
        UserProfile renamed =
                UserRules.forUpdate(current, UserInput.builder().name("Wang Li").build());
        assertEquals("Wang Li", renamed.name());
        assertEquals(current.role(), renamed.role());
        assertEquals(current.team(), renamed.team());
        assertEquals(current.capacity(), renamed.capacity());
    }
}

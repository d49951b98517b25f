package org.opencrm.core.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.error.FieldProblem;

/** The one email rule shared by customers, leads and users. */
class EmailAddressesTest {

    private final List<FieldProblem> problems = new ArrayList<>();

    @Test
    void normalise_stripsAndLowerCases_soOneMailboxIsOneIdentity() {
        assertEquals(
                "li.wei@example.cn", EmailAddresses.normalise("  Li.Wei@Example.CN ", problems));
        assertEquals(List.of(), problems);
    }

    @Test
    void normalise_leavesABlankAddressOut_withoutAProblem() {
        assertNull(EmailAddresses.normalise("   ", problems));
        assertNull(EmailAddresses.normalise(null, problems));
        assertEquals(List.of(), problems);
    }

    @Test
    void normalise_refusesAnAddressWithoutADomain_namingTheRule() {
        assertNull(EmailAddresses.normalise("li.wei@localhost", problems));

        assertEquals(1, problems.size());
        assertEquals("email", problems.get(0).field());
        assertEquals("email", problems.get(0).rule());
    }

    @Test
    void normalise_refusesAnAddressLongerThanTheLimit_namingTheLimit() {
        String local = "a".repeat(EmailAddresses.MAX - "@example.cn".length() + 1);

        assertNull(EmailAddresses.normalise(local + "@example.cn", problems));

        assertEquals(1, problems.size());
        assertEquals("email", problems.get(0).field());
        assertEquals("maxLength", problems.get(0).rule());
        assertEquals(254, problems.get(0).limit());
        assertEquals("at most 254 characters, got 255", problems.get(0).message());
    }
}

package org.opencrm.core.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

/** The ticket status machine and input checks, without I/O. */
class TicketRulesTest {

    @Test
    void statusMachine_followsTheServiceDesksPath_andBack() {
        assertTrue(TicketRules.allows(TicketStatus.NEW, TicketStatus.ASSIGNED));
        assertTrue(TicketRules.allows(TicketStatus.ASSIGNED, TicketStatus.PENDING_CUSTOMER));
        assertTrue(TicketRules.allows(TicketStatus.PENDING_CUSTOMER, TicketStatus.ASSIGNED));
        assertTrue(TicketRules.allows(TicketStatus.ASSIGNED, TicketStatus.RESOLVED));
        assertTrue(TicketRules.allows(TicketStatus.PENDING_CUSTOMER, TicketStatus.RESOLVED));
        assertTrue(TicketRules.allows(TicketStatus.RESOLVED, TicketStatus.CLOSED));
        assertTrue(TicketRules.allows(TicketStatus.RESOLVED, TicketStatus.REOPENED));
        assertTrue(TicketRules.allows(TicketStatus.CLOSED, TicketStatus.REOPENED));
        assertTrue(TicketRules.allows(TicketStatus.REOPENED, TicketStatus.ASSIGNED));
    }

    @Test
    void statusMachine_refusesShortcuts() {
        assertFalse(TicketRules.allows(TicketStatus.NEW, TicketStatus.RESOLVED));
        assertFalse(TicketRules.allows(TicketStatus.NEW, TicketStatus.CLOSED));
        assertFalse(TicketRules.allows(TicketStatus.ASSIGNED, TicketStatus.CLOSED));
        assertFalse(TicketRules.allows(TicketStatus.CLOSED, TicketStatus.RESOLVED));
        assertFalse(TicketRules.allows(TicketStatus.REOPENED, TicketStatus.RESOLVED));
        assertFalse(TicketRules.allows(TicketStatus.NEW, TicketStatus.REOPENED));
    }

    @Test
    void aBadTransition_isBadUserInput_namingTheStatusesItMustBeIn() {
        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () ->
                                TicketRules.requireTransition(
                                        TicketStatus.NEW, TicketStatus.RESOLVED));

        FieldProblem problem = refused.problems().get(0);
        assertEquals("status", problem.field());
        assertEquals("transition", problem.rule());
        assertEquals("ASSIGNED or PENDING_CUSTOMER", problem.limit());
    }

    @Test
    void assignment_makesNewAndReopenedAssigned_keepsWorkInHand_andRefusesFinishedTickets() {
        assertEquals(TicketStatus.ASSIGNED, TicketRules.afterAssignment(TicketStatus.NEW));
        assertEquals(TicketStatus.ASSIGNED, TicketRules.afterAssignment(TicketStatus.REOPENED));
        assertEquals(
                TicketStatus.PENDING_CUSTOMER,
                TicketRules.afterAssignment(TicketStatus.PENDING_CUSTOMER));
        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () -> TicketRules.afterAssignment(TicketStatus.CLOSED));
        assertEquals("transition", refused.problems().get(0).rule());
    }

    @Test
    void text_isRequired_andBounded() {
        assertEquals("hello", TicketRules.text("customerWords", "  hello ", 10));
        ValidationException blank =
                assertThrows(
                        ValidationException.class,
                        () -> TicketRules.text("customerWords", "  ", 10));
        assertEquals("required", blank.problems().get(0).rule());
        ValidationException tooLong =
                assertThrows(
                        ValidationException.class,
                        () -> TicketRules.text("customerWords", "x".repeat(11), 10));
        assertEquals("maxLength", tooLong.problems().get(0).rule());
        assertEquals(10, tooLong.problems().get(0).limit());
    }

    @Test
    void taxonomy_acceptsALeafOfThreeLevels_andNamesTheFirstUnknownLevel() {
        TicketTaxonomy taxonomy = TicketTaxonomy.defaults();

        TicketTaxonomy.Category leaf = taxonomy.requireLeaf(List.of("技术故障", "H5支付", "微信浏览器兼容"));
        assertEquals("微信浏览器兼容", leaf.name());
        assertTrue(leaf.standardAnswer().contains("微信"));

        ValidationException unknown =
                assertThrows(
                        ValidationException.class,
                        () -> taxonomy.requireLeaf(List.of("技术故障", "H5 payment", "微信浏览器兼容")));
        FieldProblem problem = unknown.problems().get(0);
        assertEquals("category[1]", problem.field());
        assertEquals("taxonomy", problem.rule());
        assertEquals(List.of("H5支付", "小程序"), problem.limit());

        ValidationException twoLevels =
                assertThrows(
                        ValidationException.class,
                        () -> taxonomy.requireLeaf(List.of("技术故障", "H5支付")));
        assertEquals("levels", twoLevels.problems().get(0).rule());
    }

    @Test
    void taxonomy_refusesABranchThatStopsShortOfThreeLevels() {
        TicketTaxonomy shallow =
                new TicketTaxonomy(
                        List.of(
                                new TicketTaxonomy.Category(
                                        "技术故障",
                                        null,
                                        List.of(TicketTaxonomy.Category.leaf("H5支付", null)))));

        List<FieldProblem> problems = TicketTaxonomy.problems(shallow);

        assertEquals(1, problems.size());
        assertEquals("value.categories[0].children[0].children", problems.get(0).field());
        assertEquals("levels", problems.get(0).rule());
    }
}

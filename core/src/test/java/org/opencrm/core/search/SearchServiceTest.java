package org.opencrm.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.paging.Page;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.StreamReader;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.testing.TestOrg;
import org.opencrm.core.time.AppClock;

/**
 * Search over DynamoDB Local: the index fed the customers and users tables' real stream records (as
 * SearchIndexFunction gets them), queried through the real byToken index, under row scope.
 */
class SearchServiceTest {

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final AppClock clock = new AppClock(Clock.systemUTC());
    private final CoreServices services = dynamo.services(clock);
    private final SearchService search = services.search();
    private final SearchIndexer indexer = services.searchIndexer();
    private final SearchIndexStore store = new SearchIndexStore(dynamo.enhanced(), dynamo.tables());
    private final StreamReader streams = new StreamReader(dynamo.streams());
    private final String region = "r" + UUID.randomUUID().toString().substring(0, 8);
    private final String team = TestOrg.uniqueTeam();
    private final Caller owner = TestOrg.member(services, Role.SALES_REP, region, team);

    private Customer newCustomer(String name, String phone, Caller by) {
        Customer customer =
                services.customers()
                        .create(
                                CustomerInput.builder()
                                        .name(name)
                                        .phone(phone)
                                        .email(UUID.randomUUID() + "@Example.com")
                                        .region(region)
                                        .build(),
                                by);
        deliver(customer.id());
        return customer;
    }

    /** The customers stream as SearchIndexFunction would get it, every record of this customer. */
    private void deliver(String customerId) {
        streams.recordsFor(dynamo.tables().customers(), customerId).forEach(indexer::onRecord);
    }

    private static String uniqueMobile() {
        long digits = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 100_000_000L);
        return String.format("139%08d", digits);
    }

    private List<String> idsFound(Caller caller, String text) {
        return search.search(caller, text, Set.of(SearchType.CUSTOMER), 50, null).entries().stream()
                .map(entry -> entry.item().id())
                .toList();
    }

    @Test
    void zhangSan_isFoundByInitialsFullPinyinHanPrefixAndLastFourDigits_forTheOwner() {
        // GIVEN the owner's customer 张三 with a phone
        String phone = uniqueMobile();
        Customer zhangSan = newCustomer("张三", phone, owner);

        // WHEN the owner searches the ways Chinese teams type
        // THEN every one finds the customer
        for (String text :
                List.of("zs", "zhangsan", "zhang", "张", "张三", phone.substring(7), phone)) {
            assertTrue(idsFound(owner, text).contains(zhangSan.id()), text);
        }
        assertTrue(
                idsFound(owner, "+86 " + phone.substring(0, 3) + "-" + phone.substring(3))
                        .contains(zhangSan.id()));
    }

    @Test
    void aRepOfAnotherTeam_findsNothing_whileTheOwnersTeamLeadFindsIt() {
        // GIVEN the owner's customer 张三
        String phone = uniqueMobile();
        Customer zhangSan = newCustomer("张三", phone, owner);
        Caller otherRep = TestOrg.member(services, Role.SALES_REP, region, TestOrg.uniqueTeam());
        Caller teamLead = TestOrg.member(services, Role.TEAM_LEAD, region, team);

        // WHEN a rep of another team searches by name, pinyin and phone
        // THEN no hit shows the customer (no existence leak)
        for (String text : List.of("zs", "zhangsan", "张", phone.substring(7))) {
            assertFalse(idsFound(otherRep, text).contains(zhangSan.id()), text);
        }
        // AND the owner's team lead does find it
        assertTrue(idsFound(teamLead, "zs").contains(zhangSan.id()));
    }

    @Test
    void renamedCustomer_isNoLongerFoundByItsOldName_butByItsNewOne() {
        // GIVEN 张三, indexed
        Customer customer = newCustomer("张三", uniqueMobile(), owner);
        assertTrue(idsFound(owner, "zs").contains(customer.id()));

        // WHEN it is renamed 李四 and the change reaches the index
        services.customers()
                .update(
                        customer.id(),
                        customer.version(),
                        CustomerInput.builder().name("李四").build(),
                        owner);
        deliver(customer.id());

        // THEN the old tokens are gone and the new ones match
        assertFalse(idsFound(owner, "zs").contains(customer.id()));
        assertFalse(idsFound(owner, "张").contains(customer.id()));
        assertTrue(idsFound(owner, "lisi").contains(customer.id()));
        assertTrue(
                store.tokensOf(SearchType.CUSTOMER, customer.id()).stream()
                        .noneMatch(item -> item.getValue().equals("zhangsan")));
    }

    @Test
    void archivedCustomer_loosesEveryToken() {
        // GIVEN an indexed customer
        Customer customer = newCustomer("王五", uniqueMobile(), owner);
        assertFalse(store.tokensOf(SearchType.CUSTOMER, customer.id()).isEmpty());

        // WHEN it is archived
        services.customers().archive(customer.id(), customer.version(), "duplicate", owner);
        deliver(customer.id());

        // THEN it has no token left and is not found
        assertTrue(store.tokensOf(SearchType.CUSTOMER, customer.id()).isEmpty());
        assertFalse(idsFound(owner, "ww").contains(customer.id()));
    }

    @Test
    void replayingTheStream_leavesTheSameTokens() {
        // GIVEN an indexed customer
        Customer customer = newCustomer("赵六", uniqueMobile(), owner);
        List<SearchTokenItem> before = store.tokensOf(SearchType.CUSTOMER, customer.id());

        // WHEN its records are delivered again
        deliver(customer.id());

        // THEN the index holds the same tokens
        List<String> tokensBefore = before.stream().map(SearchTokenItem::getToken).toList();
        List<String> tokensAfter =
                store.tokensOf(SearchType.CUSTOMER, customer.id()).stream()
                        .map(SearchTokenItem::getToken)
                        .toList();
        assertEquals(tokensBefore, tokensAfter);
    }

    @Test
    void hits_areRankedExactBeforePrefixBeforePinyin_andPagedByCursor() {
        // GIVEN, in a region of their own, customers named li, lily and 李四
        Caller manager = TestOrg.member(services, Role.REGION_MANAGER, region, null);
        Customer pinyin = newCustomer("李四", uniqueMobile(), owner);
        Customer prefix = newCustomer("lily", uniqueMobile(), owner);
        Customer exact = newCustomer("li", uniqueMobile(), owner);

        // WHEN the region manager searches "li", two hits a page
        Page<SearchHit> first = search.search(manager, "li", Set.of(SearchType.CUSTOMER), 2, null);
        Page<SearchHit> second =
                search.search(manager, "LI", Set.of(SearchType.CUSTOMER), 2, first.endCursor());

        // THEN exact, then prefix, then pinyin, across the two pages
        assertEquals(
                List.of(exact.id(), prefix.id()),
                first.entries().stream().map(entry -> entry.item().id()).toList());
        assertTrue(first.hasNextPage());
        assertEquals(
                List.of(pinyin.id()),
                second.entries().stream().map(entry -> entry.item().id()).toList());
        assertFalse(second.hasNextPage());
        assertEquals(Match.EXACT, first.entries().get(0).item().match());
        assertEquals(TokenKind.PINYIN, second.entries().get(0).item().matchedBy());
    }

    @Test
    void usersAreFound_byName_whenUsersAreAsked() {
        // GIVEN a team lead who reads the team's users, and a rep of the team named 孙七
        Caller teamLead = TestOrg.member(services, Role.TEAM_LEAD, region, team);
        String id = "user-" + UUID.randomUUID();
        services.users()
                .create(
                        org.opencrm.core.user.UserInput.builder()
                                .id(id)
                                .name("孙七")
                                .role(Role.SALES_REP.name())
                                .region(region)
                                .team(team)
                                .build(),
                        TestCallers.admin());
        streams.recordsFor(dynamo.tables().users(), id).forEach(indexer::onRecord);

        // WHEN they search sq among users
        Page<SearchHit> hits = search.search(teamLead, "sq", Set.of(SearchType.USER), 10, null);

        // THEN the rep is the hit, shown by name
        assertEquals(List.of(id), hits.entries().stream().map(e -> e.item().id()).toList());
        assertEquals("孙七", hits.entries().get(0).item().title());
    }

    @Test
    void aDeal_isFoundByItsTitlesPinyin_byItsOwner_andNotByARepOfAnotherTeam() {
        // GIVEN the owner's customer and a deal titled 冷链项目 on it, indexed from the deals stream
        Customer customer = newCustomer("周八", uniqueMobile(), owner);
        org.opencrm.core.deal.Deal deal =
                services.deals()
                        .create(
                                new org.opencrm.core.deal.DealInput(
                                        customer.id(), "冷链项目", 100_000L, null, 40, null),
                                owner);
        streams.recordsFor(dynamo.tables().deals(), deal.id()).forEach(indexer::onRecord);
        Caller otherRep = TestOrg.member(services, Role.SALES_REP, region, TestOrg.uniqueTeam());

        // WHEN both search its initials among deals
        List<String> ownerFinds = dealIdsFound(owner, "llxm");
        List<String> otherFinds = dealIdsFound(otherRep, "llxm");

        // THEN only the owner finds it
        assertTrue(ownerFinds.contains(deal.id()));
        assertFalse(otherFinds.contains(deal.id()));
    }

    @Test
    void aPooledLead_isFoundByItsPhone_byAnAdmin_andNotByARepOfItsRegion() {
        // GIVEN a lead waiting in its region's pool, indexed from the leads stream
        Caller admin = TestCallers.admin();
        String leadId =
                org.opencrm.core.testing.TestLeads.ingest(services, admin, "website", region);
        String phone = services.leads().get(leadId, admin).fields().phone();
        streams.recordsFor(dynamo.tables().leads(), leadId).forEach(indexer::onRecord);

        // WHEN an admin and a rep of the region search its phone among leads
        Page<SearchHit> byAdmin = search.search(admin, phone, Set.of(SearchType.LEAD), 10, null);
        Page<SearchHit> byRep = search.search(owner, phone, Set.of(SearchType.LEAD), 10, null);

        // THEN the admin finds it as an exact phone match; the rep (no pool scope) does not
        assertEquals(List.of(leadId), byAdmin.entries().stream().map(e -> e.item().id()).toList());
        assertEquals(Match.EXACT, byAdmin.entries().get(0).item().match());
        assertTrue(byRep.entries().isEmpty());
    }

    private List<String> dealIdsFound(Caller caller, String text) {
        return search.search(caller, text, Set.of(SearchType.DEAL), 50, null).entries().stream()
                .map(entry -> entry.item().id())
                .toList();
    }

    @Test
    void blankOrOverlongText_isRefused_withFieldRuleAndLimit() {
        ValidationException blank =
                assertThrows(
                        ValidationException.class,
                        () -> search.search(owner, "  ", null, null, null));
        FieldProblem problem = blank.problems().get(0);
        assertEquals("text", problem.field());
        assertEquals("required", problem.rule());

        ValidationException overlong =
                assertThrows(
                        ValidationException.class,
                        () -> search.search(owner, "x".repeat(65), null, null, null));
        assertEquals("text", overlong.problems().get(0).field());
        assertEquals(SearchTokens.MAX_TEXT, overlong.problems().get(0).limit());
    }
}

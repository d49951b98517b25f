package org.opencrm.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.deal.Deal;
import org.opencrm.core.deal.DealInput;
import org.opencrm.core.deal.DealService;
import org.opencrm.core.deal.DealStage;
import org.opencrm.core.deal.DealStore;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.Race;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.time.AppClock;

/** Contract use cases on the real embedded DynamoDB Local engine. */
class ContractServiceTest {

    private static final long AMOUNT = 10_000_000L; // 100,000.00

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final AppClock clock = new AppClock(Clock.systemUTC());
    private final CoreServices services = dynamo.services(clock);
    // deals win with a legal opinion on file: evidence the test holds
    private final DealService deals =
            new DealService(
                    new DealStore(dynamo.enhanced(), dynamo.tables()),
                    services.customers(),
                    services.policy(),
                    services.config(),
                    ids -> Set.of("LEGAL_OPINION"),
                    clock);
    private final ContractStore store = new ContractStore(dynamo.enhanced(), dynamo.tables());
    private final ContractService contracts =
            new ContractService(store, services.customers(), deals, services.policy(), clock);
    private final Caller rep = TestCallers.freshRep("east");
    private final Caller finance = TestCallers.of(Role.FINANCE, null, null);
    private final Customer customer = customerOf(rep);

    private Customer customerOf(Caller owner) {
        return services.customers()
                .create(
                        CustomerInput.builder()
                                .name("Buyer Co")
                                .phone(TestCallers.uniqueMobile())
                                .build(),
                        owner);
    }

    /**
     * A contract of the test's customer for AMOUNT at 13 % VAT, under a new number: a draft unless
     * the test sets when it was signed.
     */
    private ContractInputBuilder standardContract() {
        return ContractInput.builder()
                .number(number())
                .customerId(customer.id())
                .amount(AMOUNT)
                .taxRate("0.13");
    }

    private static String number() {
        return "HT-"
                + UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    }

    private Contract signedContract() {
        return contracts.create(
                standardContract().signedAt(clock.instant().minus(Duration.ofDays(2))).build(),
                rep);
    }

    /** The contracts the caller finds on the first page of the list, under the filter. */
    private List<Contract> listed(ContractFilter filter, Caller caller) {
        return contracts.list(filter, PageRequest.of(20, null), caller).entries().stream()
                .map(Page.Entry::item)
                .toList();
    }

    private LocalDate today() {
        return ContractRules.businessDate(clock.instant());
    }

    private List<RecordedFact> facts(Contract contract) {
        return store.facts(contract.id(), null, PageRequest.of(100, null)).entries().stream()
                .map(Page.Entry::item)
                .toList();
    }

    @Test
    void createContract_withSignedAt_isSignedAtOnce_withItsSigningFactWrittenWithIt() {
        Instant signedAt = clock.instant().minus(Duration.ofDays(2));

        Contract created = contracts.create(standardContract().signedAt(signedAt).build(), rep);

        Contract read = contracts.get(created.id(), rep);
        assertEquals(ContractStatus.SIGNED, read.status());
        assertEquals(1, read.version());
        assertEquals(AMOUNT, read.totals().signed());
        assertEquals(rep.userId(), read.ownerId());
        assertEquals("east", read.region());
        assertEquals(customer.goldenId(), read.goldenId());
        List<RecordedFact> facts = facts(read);
        assertEquals(1, facts.size());
        MoneyFact signing = facts.get(0).fact();
        assertEquals(created.id() + "-v1", signing.factId());
        assertEquals(FactKind.SIGNING, signing.kind());
        assertEquals(AMOUNT, signing.amountFen());
        // 100,000.00 at 13 %: 11,504.42477... of tax
        assertEquals(1_150_442L, signing.taxFen());
        assertEquals(ContractRules.businessDate(signedAt), signing.date());
        assertEquals(1L, signing.contractVersion());
    }

    @Test
    void createContract_withoutSignedAt_isADraft_thenApprovedAndSigned_writingOneSigningFact() {
        Contract draft =
                contracts.create(
                        ContractInput.builder()
                                .number(number())
                                .customerId(customer.id())
                                .amount(AMOUNT)
                                .taxRate("0.06")
                                .build(),
                        rep);
        assertEquals(ContractStatus.DRAFT, draft.status());
        assertTrue(facts(draft).isEmpty());

        Caller lead = TestCallers.of(Role.TEAM_LEAD, "east", "team-x");
        Contract approved = contracts.approve(draft.id(), draft.version(), lead);
        Contract signed = contracts.sign(approved.id(), clock.instant(), approved.version(), rep);

        assertEquals(ContractStatus.SIGNED, signed.status());
        assertEquals(3, contracts.get(draft.id(), rep).version());
        List<RecordedFact> facts = facts(signed);
        assertEquals(1, facts.size());
        assertEquals(draft.id() + "-v3", facts.get(0).fact().factId());
        assertEquals(AMOUNT, contracts.get(draft.id(), rep).totals().signed());
    }

    @Test
    void signContract_fromADraft_isRefusedByTheStatusMachine() {
        Contract draft = contracts.create(standardContract().build(), rep);

        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () -> contracts.sign(draft.id(), clock.instant(), 1, rep));

        assertEquals("transition", refused.problems().get(0).rule());
        assertEquals(ContractStatus.DRAFT, contracts.get(draft.id(), rep).status());
    }

    @Test
    void contractNumber_isUnique_whateverItsCase_andTheSecondContractIsNotWritten() {
        String number = number();
        contracts.create(
                ContractInput.builder()
                        .number(number)
                        .customerId(customer.id())
                        .amount(AMOUNT)
                        .taxRate("0.13")
                        .build(),
                rep);

        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () ->
                                contracts.create(
                                        ContractInput.builder()
                                                .number(number.toLowerCase(java.util.Locale.ROOT))
                                                .customerId(customer.id())
                                                .amount(AMOUNT)
                                                .taxRate("0.13")
                                                .signedAt(clock.instant())
                                                .build(),
                                        rep));

        FieldProblem problem = refused.problems().get(0);
        assertEquals("number", problem.field());
        assertEquals("unique", problem.rule());
        assertEquals(number, problem.limit());
        assertEquals(
                1, listed(ContractFilter.of(customer.id(), null, null, null, null), rep).size());
    }

    @Test
    void approveContract_withAStaleVersion_isAVersionConflict() {
        Contract draft = contracts.create(standardContract().build(), rep);
        contracts.approve(draft.id(), 1, rep);

        VersionConflictException conflict =
                assertThrows(
                        VersionConflictException.class,
                        () -> contracts.voidContract(draft.id(), "typo", 1, rep));

        assertEquals(2, conflict.currentVersion());
    }

    @Test
    void shipments_staywithinTheContractAmount_andAReturnTakesBackOnlyWhatWasShipped() {
        Contract contract = signedContract();
        String day = today().toString();
        contracts.recordShipment(contract.id(), MoneyEventInput.of(day, 6_000_000L), null, rep);

        ValidationException over =
                assertThrows(
                        ValidationException.class,
                        () ->
                                contracts.recordShipment(
                                        contract.id(),
                                        MoneyEventInput.of(day, 4_000_001L),
                                        null,
                                        rep));
        assertEquals("maxCumulative", over.problems().get(0).rule());
        assertEquals("40000.00", over.problems().get(0).limit());

        Contract returned =
                contracts.recordShipment(
                        contract.id(), MoneyEventInput.of(day, -2_000_000L), null, rep);
        ValidationException tooMuchBack =
                assertThrows(
                        ValidationException.class,
                        () ->
                                contracts.recordShipment(
                                        contract.id(),
                                        MoneyEventInput.of(day, -4_000_001L),
                                        null,
                                        rep));

        assertEquals("minCumulative", tooMuchBack.problems().get(0).rule());
        assertEquals(4_000_000L, returned.totals().shipped());
        assertEquals(4_000_000L, contracts.get(contract.id(), rep).totals().shipped());
        List<FactKind> kinds = facts(contract).stream().map(f -> f.fact().kind()).toList();
        assertEquals(List.of(FactKind.SIGNING, FactKind.SHIPMENT, FactKind.RETURN), kinds);
        assertEquals(-2_000_000L, facts(contract).get(2).fact().amountFen());
    }

    @Test
    void invoices_claimTheirNumberForGood_andACreditNoteIsANegativeInvoiceWithItsOwnNumber() {
        Contract contract = signedContract();
        String day = today().toString();
        String invoiceNumber = String.valueOf(10_000_000_000L + (long) (Math.random() * 1e9));
        contracts.recordInvoice(
                contract.id(),
                MoneyEventInput.invoice(invoiceNumber, InvoiceType.SPECIAL, day, 4_000_000L),
                null,
                finance);

        Contract other = signedContract();
        ValidationException reused =
                assertThrows(
                        ValidationException.class,
                        () ->
                                contracts.recordInvoice(
                                        other.id(),
                                        MoneyEventInput.invoice(
                                                invoiceNumber, InvoiceType.ORDINARY, day, 100L),
                                        null,
                                        finance));
        assertEquals("number", reused.problems().get(0).field());
        assertEquals("unique", reused.problems().get(0).rule());
        assertEquals(0L, contracts.get(other.id(), finance).totals().invoiced());

        Contract credited =
                contracts.recordInvoice(
                        contract.id(),
                        MoneyEventInput.invoice(
                                invoiceNumber + "1", InvoiceType.SPECIAL, day, -1_130_000L),
                        null,
                        finance);

        assertEquals(2_870_000L, credited.totals().invoiced());
        RecordedFact invoice = facts(contract).get(1);
        assertEquals(FactKind.INVOICE, invoice.fact().kind());
        assertEquals(invoiceNumber, invoice.fact().reference());
        assertEquals(InvoiceType.SPECIAL, invoice.invoiceType());
        // 40,000.00 at 13 %: tax from the contract's rate
        assertEquals(460_177L, invoice.fact().taxFen());
        RecordedFact creditNote = facts(contract).get(2);
        assertEquals(FactKind.CREDIT_NOTE, creditNote.fact().kind());
        assertEquals(-130_000L, creditNote.fact().taxFen());
    }

    @Test
    void moneyEvents_onAContractNotSigned_areRefused() {
        Contract draft = contracts.create(standardContract().build(), rep);

        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () ->
                                contracts.recordPayment(
                                        draft.id(),
                                        MoneyEventInput.of(today().toString(), 100L),
                                        null,
                                        finance));

        assertEquals("contractId", refused.problems().get(0).field());
        assertEquals("status", refused.problems().get(0).rule());
    }

    @Test
    void voidingASignedContract_writesAVoidingFactOfTheNegativeSignedAmount_datedTheVoidDay() {
        Contract contract = signedContract();

        Contract voided = contracts.voidContract(contract.id(), "customer withdrew", 1, finance);

        assertEquals(ContractStatus.VOIDED, voided.status());
        assertEquals("customer withdrew", contracts.get(contract.id(), rep).voidReason());
        assertEquals(0L, voided.totals().signed());
        MoneyFact voiding = facts(contract).get(1).fact();
        assertEquals(FactKind.VOIDING, voiding.kind());
        assertEquals(-AMOUNT, voiding.amountFen());
        assertEquals(-1_150_442L, voiding.taxFen());
        assertEquals(today(), voiding.date());
        assertEquals(contract.id() + "-v2", voiding.factId());
        assertThrows(
                ValidationException.class,
                () ->
                        contracts.recordShipment(
                                contract.id(),
                                MoneyEventInput.of(today().toString(), 1L),
                                null,
                                rep));
    }

    @Test
    void voidingADraft_writesNoFact_andNeedsAReason() {
        Contract draft = contracts.create(standardContract().build(), rep);

        ValidationException noReason =
                assertThrows(
                        ValidationException.class,
                        () -> contracts.voidContract(draft.id(), "  ", 1, rep));
        contracts.voidContract(draft.id(), "duplicate entry", 1, rep);

        assertEquals("reason", noReason.problems().get(0).field());
        assertTrue(facts(draft).isEmpty());
    }

    @Test
    void racingPayments_eachCountOnce_andTheRetriedRequestWithItsVersionIsAConflictNotASecondFact()
            throws Exception {
        Contract contract = signedContract();
        String day = today().toString();

        // WHEN four payments race without an expected version
        Race.run(
                4,
                i ->
                        () ->
                                contracts.recordPayment(
                                        contract.id(),
                                        MoneyEventInput.of(day, 100_000L),
                                        null,
                                        finance));
        // and one request is sent twice with the version it read
        long version = contracts.get(contract.id(), finance).version();
        contracts.recordPayment(contract.id(), MoneyEventInput.of(day, 1_000L), version, finance);
        assertThrows(
                VersionConflictException.class,
                () ->
                        contracts.recordPayment(
                                contract.id(), MoneyEventInput.of(day, 1_000L), version, finance));

        // THEN the totals are the sum of the facts, and each fact has its own version
        Contract read = contracts.get(contract.id(), finance);
        List<MoneyFact> payments =
                facts(contract).stream()
                        .map(RecordedFact::fact)
                        .filter(f -> f.kind() == FactKind.PAYMENT)
                        .toList();
        assertEquals(5, payments.size());
        assertEquals(401_000L, read.totals().collected());
        assertEquals(
                read.totals().collected(), payments.stream().mapToLong(MoneyFact::amountFen).sum());
        assertEquals(5, payments.stream().map(MoneyFact::contractVersion).distinct().count());
        assertEquals(6, read.version());
    }

    @Test
    void rowScope_aRepSeesOnlyTheirOwn_theirTeamLeadAndFinanceSeeIt_anotherRepGetsNotFound() {
        Contract contract = signedContract();
        Caller otherRep = TestCallers.freshRep("east");
        Caller lead = TestCallers.of(Role.TEAM_LEAD, "east", "team-x");
        Caller service = TestCallers.of(Role.CUSTOMER_SERVICE, "east", "team-x");

        assertThrows(NotFoundException.class, () -> contracts.get(contract.id(), otherRep));
        assertThrows(NotFoundException.class, () -> contracts.get(contract.id(), service));
        assertThrows(
                NotFoundException.class,
                () ->
                        contracts.recordShipment(
                                contract.id(),
                                MoneyEventInput.of(today().toString(), 1L),
                                null,
                                otherRep));
        assertFalse(
                listed(ContractFilter.none(), otherRep).stream()
                        .map(Contract::id)
                        .toList()
                        .contains(contract.id()));
        assertEquals(
                List.of(contract.id()),
                listed(ContractFilter.none(), rep).stream().map(Contract::id).toList());
        assertEquals(contract.id(), contracts.get(contract.id(), lead).id());
        assertEquals(contract.id(), contracts.get(contract.id(), finance).id());
    }

    @Test
    void fieldMatrix_contractMoney_isForFinanceAdminAndManagers_notTheRepOrCustomerService() {
        var policy = services.policy();
        for (Role reader :
                List.of(
                        Role.FINANCE,
                        Role.ADMIN,
                        Role.TEAM_LEAD,
                        Role.REGION_MANAGER,
                        Role.OPS_DIRECTOR)) {
            assertTrue(policy.mayReadField("Contract", "amount", reader), reader.name());
            assertTrue(policy.mayReadField("Contract", "shipments", reader), reader.name());
        }
        for (Role other : List.of(Role.SALES_REP, Role.CUSTOMER_SERVICE)) {
            assertFalse(policy.mayReadField("Contract", "amount", other), other.name());
            assertFalse(policy.mayReadField("ContractMoneyFact", "amount", other), other.name());
            assertTrue(policy.mayReadField("Contract", "number", other), other.name());
        }
    }

    @Test
    void list_filtersByStatusAndSigningDays_withinTheCallersScope() {
        Contract signed = signedContract();
        contracts.create(standardContract().build(), rep);
        LocalDate signedOn = signed.signedOn();

        List<String> inRange =
                listed(ContractFilter.of(null, null, null, signedOn, signedOn), rep).stream()
                        .map(Contract::id)
                        .toList();
        List<String> afterIt =
                listed(ContractFilter.of(null, null, null, signedOn.plusDays(1), null), rep)
                        .stream()
                        .map(Contract::id)
                        .toList();
        List<ContractStatus> drafts =
                listed(ContractFilter.of(null, ContractStatus.DRAFT, null, null, null), rep)
                        .stream()
                        .map(Contract::status)
                        .toList();

        assertEquals(List.of(signed.id()), inRange);
        assertTrue(afterIt.isEmpty());
        assertEquals(List.of(ContractStatus.DRAFT), drafts);
    }

    @Test
    void createContract_fromAWonDeal_isOwnedLikeTheDeal_butNotFromAnOpenOneOrAnotherCustomers() {
        Deal open =
                deals.create(
                        DealInput.builder()
                                .customerId(customer.id())
                                .title("ERP")
                                .amount(AMOUNT)
                                .grossMarginPercent(40)
                                .nextStep("sign")
                                .build(),
                        rep);
        Deal won = deals.move(open.id(), open.version(), DealStage.SIGNED, null, null, rep);
        Deal stillOpen =
                deals.create(
                        DealInput.builder()
                                .customerId(customer.id())
                                .title("More")
                                .amount(AMOUNT)
                                .grossMarginPercent(40)
                                .build(),
                        rep);
        Customer another = customerOf(rep);

        Contract contract = contracts.create(standardContract().dealId(won.id()).build(), rep);
        ValidationException notWon =
                assertThrows(
                        ValidationException.class,
                        () ->
                                contracts.create(
                                        standardContract().dealId(stillOpen.id()).build(), rep));
        ValidationException notTheirs =
                assertThrows(
                        ValidationException.class,
                        () ->
                                contracts.create(
                                        ContractInput.builder()
                                                .number(number())
                                                .customerId(another.id())
                                                .dealId(won.id())
                                                .amount(AMOUNT)
                                                .taxRate("0.13")
                                                .build(),
                                        rep));

        assertEquals(won.id(), contract.dealId());
        assertEquals(won.ownerId(), contract.ownerId());
        assertEquals("dealWon", notWon.problems().get(0).rule());
        assertEquals("sameCustomer", notTheirs.problems().get(0).rule());
    }

    @Test
    void createContract_byAGoldenIdTheCustomerHolds_isFiledUnderThatGoldenCustomer() {
        Contract contract =
                contracts.create(
                        ContractInput.builder()
                                .number(number())
                                .customerId(customer.goldenId())
                                .amount(AMOUNT)
                                .taxRate("0.13")
                                .build(),
                        rep);

        assertEquals(customer.id(), contract.customerId());
        assertEquals(customer.goldenId(), contract.goldenId());
        assertThrows(
                NotFoundException.class,
                () ->
                        contracts.create(
                                ContractInput.builder()
                                        .number(number())
                                        .customerId("no-such-customer")
                                        .amount(AMOUNT)
                                        .taxRate("0.13")
                                        .build(),
                                rep));
        assertNull(contract.signedAt());
    }
}

package org.opencrm.core.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.money.Fen;

/**
 * The contract's pure rules (issue 16), no I/O: the status machine, the bounds of each money event,
 * and the tax arithmetic. Money is whole fen in {@code long}s; a tax rate is whole basis points, so
 * tax is integer arithmetic rounded half up (away from zero for reversals), never a float.
 */
public final class ContractRules {

    /** The offices' time zone: a fact's business date is the day there. */
    public static final ZoneId OFFICE_ZONE = ZoneId.of("Asia/Shanghai");

    public static final int NUMBER_MAX_LENGTH = 64;
    public static final String NUMBER_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_./-]*$";

    /** A VAT invoice number: 8 digits (paper) up to 20 (全电 e-invoices). */
    public static final String INVOICE_NUMBER_PATTERN = "^[0-9]{8,20}$";

    public static final int MAX_TAX_RATE_BASIS_POINTS = 3_000;
    public static final String MAX_TAX_RATE_TEXT = "0.30";
    public static final int VOID_REASON_MAX_LENGTH = 500;

    private static final int BASIS = 10_000;
    private static final Pattern NUMBER = Pattern.compile(NUMBER_PATTERN);
    private static final Pattern INVOICE_NUMBER = Pattern.compile(INVOICE_NUMBER_PATTERN);
    private static final Pattern TAX_RATE = Pattern.compile("^0(?:\\.([0-9]{1,4}))?$");

    private ContractRules() {}

    /** A new contract's fields as checked: every bad field reported at once. */
    public record NewContract(String number, long amountFen, int taxRateBasisPoints) {}

    /** A money event as checked: what its fact records. */
    public record CheckedEvent(
            FactKind kind,
            LocalDate date,
            long amountFen,
            long taxFen,
            String reference,
            InvoiceType invoiceType) {}

    public static LocalDate businessDate(Instant at) {
        return LocalDate.ofInstant(at, OFFICE_ZONE);
    }

    /**
     * Checks {@code createContract}'s input; a {@link ValidationException} lists every bad field
     * with its rule and limit.
     */
    public static NewContract forCreate(ContractInput input, Instant now) {
        List<FieldProblem> problems = new ArrayList<>();
        String number = checkedNumber(input.number(), problems);
        if (blank(input.customerId())) {
            problems.add(FieldProblem.of("customerId", "required", "is required"));
        }
        Long amount = input.amount();
        if (amount == null) {
            problems.add(FieldProblem.of("amount", "required", "is required"));
        } else if (amount <= 0) {
            problems.add(
                    new FieldProblem(
                            "amount",
                            "min",
                            "must be above 0.00, got " + Fen.format(amount),
                            "0.01"));
        }
        Integer rate = checkedTaxRate(input.taxRate(), problems);
        if (input.signedAt() != null && input.signedAt().isAfter(now)) {
            problems.add(
                    new FieldProblem(
                            "signedAt",
                            "notInFuture",
                            "must not be later than now (" + now + ")",
                            now.toString()));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new NewContract(number, amount, rate);
    }

    /** The number as claimed: trimmed and upper-cased, so "ht-1" and "HT-1" are one number. */
    public static String normaliseNumber(String number) {
        return number.strip().toUpperCase(Locale.ROOT);
    }

    /** {@code "0.13"} as 1300 basis points; a {@link ValidationException} naming the bounds. */
    public static int parseTaxRate(String text) {
        List<FieldProblem> problems = new ArrayList<>();
        Integer rate = checkedTaxRate(text, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return rate;
    }

    /** Basis points as the API writes them: the shortest decimal, e.g. 1300 as "0.13". */
    public static String formatTaxRate(int basisPoints) {
        if (basisPoints == 0) {
            return "0";
        }
        return BigDecimal.valueOf(basisPoints, 4).stripTrailingZeros().toPlainString();
    }

    /**
     * The VAT inside an amount that includes it: amount × rate / (1 + rate), in whole fen rounded
     * half up, away from zero for a negative amount so a reversal takes back exactly the tax its
     * original carried.
     */
    public static long taxOf(long amountFen, int basisPoints) {
        long magnitude = Math.abs(amountFen);
        long numerator = magnitude * basisPoints;
        long denominator = (long) BASIS + basisPoints;
        long tax = (numerator * 2 + denominator) / (denominator * 2);
        return amountFen < 0 ? -tax : tax;
    }

    /** Whether the status machine lets a contract go from {@code from} to {@code to}. */
    public static boolean allows(ContractStatus from, ContractStatus to) {
        return switch (to) {
            case APPROVED -> from == ContractStatus.DRAFT;
            case SIGNED -> from == ContractStatus.APPROVED;
            case VOIDED -> from != ContractStatus.VOIDED;
            case DRAFT -> false;
        };
    }

    /** Refuses a move the status machine does not allow, naming the status it needs. */
    public static void requireTransition(ContractStatus from, ContractStatus to) {
        if (allows(from, to)) {
            return;
        }
        String needed =
                switch (to) {
                    case APPROVED -> "DRAFT";
                    case SIGNED -> "APPROVED";
                    case VOIDED -> "DRAFT, APPROVED or SIGNED";
                    case DRAFT -> "none";
                };
        throw new ValidationException(
                new FieldProblem(
                        "status",
                        "transition",
                        "a " + from + " contract cannot become " + to + "; it must be " + needed,
                        needed));
    }

    /** The signing time of {@code signContract}: required, not in the future. */
    public static Instant signedAt(Instant signedAt, Instant now) {
        if (signedAt == null) {
            throw new ValidationException(FieldProblem.of("signedAt", "required", "is required"));
        }
        if (signedAt.isAfter(now)) {
            throw new ValidationException(
                    new FieldProblem(
                            "signedAt",
                            "notInFuture",
                            "must not be later than now (" + now + ")",
                            now.toString()));
        }
        return signedAt;
    }

    public static String voidReason(String reason) {
        String checked = reason == null ? "" : reason.strip();
        if (checked.isEmpty()) {
            throw new ValidationException(FieldProblem.of("reason", "required", "is required"));
        }
        if (checked.length() > VOID_REASON_MAX_LENGTH) {
            throw new ValidationException(
                    FieldProblem.tooLong("reason", VOID_REASON_MAX_LENGTH, checked.length()));
        }
        return checked;
    }

    /**
     * Checks a shipment, invoice or payment ({@code caliber}) of {@code contract} and says what its
     * fact records: only on a signed contract, dated between the signing day and {@code today}, and
     * keeping the caliber's cumulative total within 0 and the contract amount.
     */
    public static CheckedEvent forEvent(
            Caliber caliber, MoneyEventInput input, Contract contract, LocalDate today) {
        if (contract.status() != ContractStatus.SIGNED) {
            throw new ValidationException(
                    new FieldProblem(
                            "contractId",
                            "status",
                            "money is recorded on SIGNED contracts only; this one is "
                                    + contract.status(),
                            ContractStatus.SIGNED.name()));
        }
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate date = checkedDate(input.date(), contract.signedOn(), today, problems);
        long amount = checkedAmount(caliber, input.amount(), contract, problems);
        boolean invoice = caliber == Caliber.INVOICED;
        String reference = invoice ? checkedInvoiceNumber(input.number(), problems) : null;
        if (invoice && input.type() == null) {
            problems.add(FieldProblem.of("type", "required", "is required"));
        }
        long tax = checkedTax(invoice ? input.tax() : null, amount, contract, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new CheckedEvent(
                kindOf(caliber, amount < 0),
                date,
                amount,
                tax,
                reference,
                invoice ? input.type() : null);
    }

    /** The fact kind of a money event: the caliber's reversal kind for a negative amount. */
    public static FactKind kindOf(Caliber caliber, boolean reversal) {
        return switch (caliber) {
            case SIGNED -> reversal ? FactKind.VOIDING : FactKind.SIGNING;
            case SHIPPED -> reversal ? FactKind.RETURN : FactKind.SHIPMENT;
            case INVOICED -> reversal ? FactKind.CREDIT_NOTE : FactKind.INVOICE;
            case COLLECTED -> reversal ? FactKind.REFUND : FactKind.PAYMENT;
        };
    }

    /** The number as the identity table claims it: trimmed, digits only. */
    public static String normaliseInvoiceNumber(String number) {
        return number.strip();
    }

    private static String checkedNumber(String number, List<FieldProblem> problems) {
        if (blank(number)) {
            problems.add(FieldProblem.of("number", "required", "is required"));
            return null;
        }
        String normalised = normaliseNumber(number);
        if (normalised.length() > NUMBER_MAX_LENGTH) {
            problems.add(FieldProblem.tooLong("number", NUMBER_MAX_LENGTH, normalised.length()));
            return null;
        }
        if (!NUMBER.matcher(normalised).matches()) {
            problems.add(
                    new FieldProblem(
                            "number",
                            "pattern",
                            "letters, digits and _ . / - only, starting with a letter or digit",
                            NUMBER_PATTERN));
            return null;
        }
        return normalised;
    }

    private static Integer checkedTaxRate(String text, List<FieldProblem> problems) {
        if (blank(text)) {
            problems.add(FieldProblem.of("taxRate", "required", "is required"));
            return null;
        }
        Matcher rate = TAX_RATE.matcher(text.strip());
        int basisPoints = -1;
        if (rate.matches()) {
            String digits = rate.group(1) == null ? "" : rate.group(1);
            basisPoints = digits.isEmpty() ? 0 : Integer.parseInt((digits + "000").substring(0, 4));
        }
        if (basisPoints < 0 || basisPoints > MAX_TAX_RATE_BASIS_POINTS) {
            problems.add(
                    new FieldProblem(
                            "taxRate",
                            "taxRate",
                            "must be a decimal string from 0 to "
                                    + MAX_TAX_RATE_TEXT
                                    + " with at most four places, like \"0.13\", got \""
                                    + text
                                    + "\"",
                            MAX_TAX_RATE_TEXT));
            return null;
        }
        return basisPoints;
    }

    private static LocalDate checkedDate(
            String text, LocalDate signedOn, LocalDate today, List<FieldProblem> problems) {
        if (blank(text)) {
            problems.add(FieldProblem.of("date", "required", "is required"));
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text.strip());
        } catch (DateTimeParseException notADate) {
            problems.add(
                    new FieldProblem(
                            "date", "date", "must be an ISO date like 2026-11-30", "yyyy-MM-dd"));
            return null;
        }
        if (signedOn != null && date.isBefore(signedOn)) {
            problems.add(
                    new FieldProblem(
                            "date",
                            "notBeforeSigning",
                            "must not be before the contract's signing day " + signedOn,
                            signedOn.toString()));
        } else if (date.isAfter(today)) {
            problems.add(
                    new FieldProblem(
                            "date",
                            "notInFuture",
                            "must not be after today (" + today + ")",
                            today.toString()));
        }
        return date;
    }

    private static long checkedAmount(
            Caliber caliber, Long amount, Contract contract, List<FieldProblem> problems) {
        if (amount == null) {
            problems.add(FieldProblem.of("amount", "required", "is required"));
            return 0;
        }
        if (amount == 0) {
            problems.add(new FieldProblem("amount", "nonZero", "must not be 0.00", "0.00"));
            return 0;
        }
        long sofar = contract.totals().of(caliber);
        String total = caliber.name().toLowerCase(Locale.ROOT);
        if (sofar + amount > contract.amountFen()) {
            long most = contract.amountFen() - sofar;
            problems.add(
                    new FieldProblem(
                            "amount",
                            "maxCumulative",
                            total
                                    + " would total "
                                    + Fen.format(sofar + amount)
                                    + ", above the contract amount "
                                    + Fen.format(contract.amountFen())
                                    + "; at most "
                                    + Fen.format(most)
                                    + " more",
                            Fen.format(most)));
        } else if (sofar + amount < 0) {
            problems.add(
                    new FieldProblem(
                            "amount",
                            "minCumulative",
                            total
                                    + " so far is "
                                    + Fen.format(sofar)
                                    + "; a reversal takes back at most that, down to "
                                    + Fen.format(-sofar),
                            Fen.format(-sofar)));
        }
        return amount;
    }

    private static String checkedInvoiceNumber(String number, List<FieldProblem> problems) {
        if (blank(number)) {
            problems.add(FieldProblem.of("number", "required", "is required"));
            return null;
        }
        String normalised = normaliseInvoiceNumber(number);
        if (!INVOICE_NUMBER.matcher(normalised).matches()) {
            problems.add(
                    new FieldProblem(
                            "number",
                            "pattern",
                            "a VAT invoice number is 8 to 20 digits",
                            INVOICE_NUMBER_PATTERN));
            return null;
        }
        return normalised;
    }

    private static long checkedTax(
            Long given, long amount, Contract contract, List<FieldProblem> problems) {
        if (given == null) {
            return taxOf(amount, contract.taxRateBasisPoints());
        }
        boolean sameSign = given == 0 || (given < 0) == (amount < 0);
        if (!sameSign || Math.abs(given) > Math.abs(amount)) {
            problems.add(
                    new FieldProblem(
                            "tax",
                            "taxWithinAmount",
                            "must have the amount's sign and not exceed it ("
                                    + Fen.format(amount)
                                    + ")",
                            Fen.format(amount)));
        }
        return given;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}

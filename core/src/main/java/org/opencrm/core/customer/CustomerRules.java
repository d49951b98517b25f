package org.opencrm.core.customer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.identity.EmailAddresses;

/**
 * Validation and normalisation of customer input. Pure: no I/O. Every bad field
 * is reported, each with its rule and limit, not just the first one.
 */
public final class CustomerRules {

    public static final int NAME_MAX = 100;
    public static final int REMARK_MAX = 2000;
    public static final int REGION_MAX = 50;
    public static final int ARCHIVE_REASON_MAX = 500;
    public static final int SERVICE_NOTES_MAX = 4000;
    public static final BigDecimal AMOUNT_MAX = new BigDecimal("1000000000000");
    public static final int AMOUNT_SCALE = 2;
    private static final int[] NATIONAL_ID_WEIGHTS = {
        7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
    };
    private static final String NATIONAL_ID_CHECK = "10X98765432";

    // WeChat's own rule for ids: 6-20 characters, a letter first, then letters, digits, _ or -.
    private static final Pattern WECHAT_ID = Pattern.compile("^[a-zA-Z][-_a-zA-Z0-9]{5,19}$");
    private static final Pattern REGION = Pattern.compile("^[a-z0-9][a-z0-9-]*$");
    private static final Pattern NATIONAL_ID = Pattern.compile("^[0-9]{17}[0-9X]$");

    private CustomerRules() {}

    /** The rule a customer's stage breaks when a client sets it. */
    public static final String STAGE_DERIVED = "derivedFromDeals";

    /**
     * Issue 14: a customer's stage follows its deals and is never set by hand. Refused rather than
     * ignored, so a client that still sends it learns at once that nothing was set, and moves the
     * deal instead ({@code moveDeal}).
     */
    private static void stageNotGiven(CustomerStage stage, List<FieldProblem> problems) {
        if (stage != null) {
            problems.add(
                    FieldProblem.of(
                            "stage",
                            STAGE_DERIVED,
                            "is derived from the customer's deals; move a deal (moveDeal) instead"));
        }
    }

    public static CustomerFields forCreate(CustomerInput input) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = required("name", input.name(), NAME_MAX, problems);
        String phone = phone(input.phone(), problems);
        String email = EmailAddresses.normalise(input.email(), problems);
        String wechatId = wechatId(input.wechatId(), problems);
        String remark = optional("remark", input.remark(), REMARK_MAX, problems);
        String region = region(input.region(), problems);
        stageNotGiven(input.stage(), problems);
        CustomerStage stage = CustomerStage.NEW;
        String nationalId = nationalId(input.nationalId(), problems);
        BigDecimal expected = amount("expectedDealAmount", input.expectedDealAmount(), problems);
        BigDecimal contract = amount("contractAmount", input.contractAmount(), problems);
        String serviceNotes =
                optional("serviceNotes", input.serviceNotes(), SERVICE_NOTES_MAX, problems);
        requireContact(phone, email, wechatId, problems);
        return build(
                problems,
                () ->
                        CustomerFields.builder()
                                .name(name)
                                .phone(phone)
                                .email(email)
                                .wechatId(wechatId)
                                .stage(stage)
                                .level(input.level())
                                .remark(remark)
                                .region(region)
                                .nationalId(nationalId)
                                .expectedDealAmount(expected)
                                .contractAmount(contract)
                                .serviceNotes(serviceNotes)
                                .build());
    }

    /** Null keeps the current value; an empty string clears an optional field. */
    public static CustomerFields forUpdate(CustomerFields current, CustomerInput patch) {
        List<FieldProblem> problems = new ArrayList<>();
        String name =
                patch.name() == null
                        ? current.name()
                        : required("name", patch.name(), NAME_MAX, problems);
        String phone = patch.phone() == null ? current.phone() : phone(patch.phone(), problems);
        String email =
                patch.email() == null
                        ? current.email()
                        : EmailAddresses.normalise(patch.email(), problems);
        String wechatId =
                patch.wechatId() == null
                        ? current.wechatId()
                        : wechatId(patch.wechatId(), problems);
        String remark =
                patch.remark() == null
                        ? current.remark()
                        : optional("remark", patch.remark(), REMARK_MAX, problems);
        String region =
                patch.region() == null ? current.region() : region(patch.region(), problems);
        stageNotGiven(patch.stage(), problems);
        CustomerStage stage = current.stage();
        CustomerLevel level = patch.level() == null ? current.level() : patch.level();
        String nationalId =
                patch.nationalId() == null
                        ? current.nationalId()
                        : nationalId(patch.nationalId(), problems);
        BigDecimal expected =
                patch.expectedDealAmount() == null
                        ? current.expectedDealAmount()
                        : amount("expectedDealAmount", patch.expectedDealAmount(), problems);
        BigDecimal contract =
                patch.contractAmount() == null
                        ? current.contractAmount()
                        : amount("contractAmount", patch.contractAmount(), problems);
        String serviceNotes =
                patch.serviceNotes() == null
                        ? current.serviceNotes()
                        : optional(
                                "serviceNotes", patch.serviceNotes(), SERVICE_NOTES_MAX, problems);
        requireContact(phone, email, wechatId, problems);
        return build(
                problems,
                () ->
                        CustomerFields.builder()
                                .name(name)
                                .phone(phone)
                                .email(email)
                                .wechatId(wechatId)
                                .stage(stage)
                                .level(level)
                                .remark(remark)
                                .region(region)
                                .nationalId(nationalId)
                                .expectedDealAmount(expected)
                                .contractAmount(contract)
                                .serviceNotes(serviceNotes)
                                .build());
    }

    public static String archiveReason(String reason) {
        List<FieldProblem> problems = new ArrayList<>();
        String checked = required("reason", reason, ARCHIVE_REASON_MAX, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return checked;
    }

    /**
     * The fields, built only when no problem was found (the record refuses a missing name or
     * contact).
     */
    private static CustomerFields build(
            List<FieldProblem> problems, Supplier<CustomerFields> fields) {
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return fields.get();
    }

    /** Chinese resident identity card number: 18 characters, the last a GB 11643 check digit. */
    public static String nationalId(String raw, List<FieldProblem> problems) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip().toUpperCase(Locale.ROOT);
        if (!NATIONAL_ID.matcher(value).matches()) {
            problems.add(
                    new FieldProblem(
                            "nationalId",
                            "pattern",
                            "must be 17 digits and a check digit or X",
                            NATIONAL_ID.pattern()));
            return null;
        }
        int sum = 0;
        for (int i = 0; i < NATIONAL_ID_WEIGHTS.length; i++) {
            sum += (value.charAt(i) - '0') * NATIONAL_ID_WEIGHTS[i];
        }
        if (NATIONAL_ID_CHECK.charAt(sum % 11) != value.charAt(17)) {
            problems.add(
                    FieldProblem.of(
                            "nationalId",
                            "checkDigit",
                            "the check digit does not match the first 17 digits"));
            return null;
        }
        return value;
    }

    public static BigDecimal amount(String field, BigDecimal raw, List<FieldProblem> problems) {
        if (raw == null) {
            return null;
        }
        if (raw.signum() < 0 || raw.compareTo(AMOUNT_MAX) > 0) {
            problems.add(
                    new FieldProblem(
                            field,
                            "range",
                            "must be between 0 and "
                                    + AMOUNT_MAX.toPlainString()
                                    + " CNY, got "
                                    + raw.toPlainString(),
                            "0.." + AMOUNT_MAX.toPlainString()));
            return null;
        }
        if (raw.stripTrailingZeros().scale() > AMOUNT_SCALE) {
            problems.add(
                    new FieldProblem(
                            field,
                            "scale",
                            "at most "
                                    + AMOUNT_SCALE
                                    + " decimal places (fen), got "
                                    + raw.toPlainString(),
                            AMOUNT_SCALE));
            return null;
        }
        return raw.setScale(AMOUNT_SCALE, RoundingMode.UNNECESSARY);
    }

    private static void requireContact(
            String phone, String email, String wechatId, List<FieldProblem> problems) {
        boolean contactRejected =
                problems.stream()
                        .anyMatch(p -> List.of("phone", "email", "wechatId").contains(p.field()));
        if (phone != null || email != null || wechatId != null || contactRejected) {
            return;
        }
        problems.add(
                FieldProblem.of(
                        "phone",
                        "oneContactRequired",
                        "one contact is required: phone, email or wechatId"));
    }

    private static String required(String field, String raw, int max, List<FieldProblem> problems) {
        String value = optional(field, raw, max, problems);
        if (value == null && (raw == null || raw.isBlank())) {
            problems.add(FieldProblem.of(field, "required", "is required"));
        }
        return value;
    }

    public static String optional(String field, String raw, int max, List<FieldProblem> problems) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        int length = value.codePointCount(0, value.length());
        if (length > max) {
            problems.add(FieldProblem.tooLong(field, max, length));
            return null;
        }
        return value;
    }

    public static String phone(String raw, List<FieldProblem> problems) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        PhoneNumbers.Result result = PhoneNumbers.normalise("phone", raw);
        if (result instanceof PhoneNumbers.Invalid invalid) {
            problems.add(invalid.problem());
            return null;
        }
        return ((PhoneNumbers.Valid) result).e164();
    }

    public static String wechatId(String raw, List<FieldProblem> problems) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        if (!WECHAT_ID.matcher(value).matches()) {
            problems.add(
                    new FieldProblem(
                            "wechatId",
                            "pattern",
                            "must be 6-20 characters, start with a letter and use only letters, digits, _ or -, got "
                                    + value,
                            WECHAT_ID.pattern()));
            return null;
        }
        return value;
    }

    public static String region(String raw, List<FieldProblem> problems) {
        String value = optional("region", raw, REGION_MAX, problems);
        if (value == null) {
            return null;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (!REGION.matcher(lower).matches()) {
            problems.add(
                    new FieldProblem(
                            "region",
                            "pattern",
                            "must be a region id of letters, digits and -, got " + value,
                            REGION.pattern()));
            return null;
        }
        return lower;
    }
}

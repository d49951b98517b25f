package org.opencrm.core.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

/**
 * Validation and normalisation of customer input. Pure: no I/O. Every
 * bad field is reported, each with its rule and limit, not just the first one.
 */
public final class CustomerRules {

    public static final int NAME_MAX = 100;
    public static final int REMARK_MAX = 2000;
    public static final int EMAIL_MAX = 254;
    public static final int REGION_MAX = 50;
    public static final int ARCHIVE_REASON_MAX = 500;

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    // WeChat's own rule for ids: 6-20 characters, a letter first, then letters, digits, _ or -.
    private static final Pattern WECHAT_ID = Pattern.compile("^[a-zA-Z][-_a-zA-Z0-9]{5,19}$");
    private static final Pattern REGION = Pattern.compile("^[a-z0-9][a-z0-9-]*$");

    private CustomerRules() {
    }

    public static CustomerFields forCreate(CustomerInput input) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = required("name", input.name(), NAME_MAX, problems);
        String phone = phone(input.phone(), problems);
        String email = email(input.email(), problems);
        String wechatId = wechatId(input.wechatId(), problems);
        String remark = optional("remark", input.remark(), REMARK_MAX, problems);
        String region = region(input.region(), problems);
        CustomerStage stage = input.stage() == null ? CustomerStage.NEW : input.stage();
        requireContact(phone, email, wechatId, problems);
        return build(problems, name, phone, email, wechatId, stage, remark, region);
    }

    /** Null keeps the current value; an empty string clears an optional field. */
    public static CustomerFields forUpdate(CustomerFields current, CustomerInput patch) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = patch.name() == null ? current.name() : required("name", patch.name(), NAME_MAX, problems);
        String phone = patch.phone() == null ? current.phone() : phone(patch.phone(), problems);
        String email = patch.email() == null ? current.email() : email(patch.email(), problems);
        String wechatId = patch.wechatId() == null ? current.wechatId() : wechatId(patch.wechatId(), problems);
        String remark = patch.remark() == null ? current.remark() : optional("remark", patch.remark(), REMARK_MAX, problems);
        String region = patch.region() == null ? current.region() : region(patch.region(), problems);
        CustomerStage stage = patch.stage() == null ? current.stage() : patch.stage();
        requireContact(phone, email, wechatId, problems);
        return build(problems, name, phone, email, wechatId, stage, remark, region);
    }

    public static String archiveReason(String reason) {
        List<FieldProblem> problems = new ArrayList<>();
        String checked = required("reason", reason, ARCHIVE_REASON_MAX, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return checked;
    }

    private static CustomerFields build(List<FieldProblem> problems, String name, String phone, String email,
                                        String wechatId, CustomerStage stage, String remark, String region) {
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new CustomerFields(name, phone, email, wechatId, stage, remark, region);
    }

    private static void requireContact(String phone, String email, String wechatId,
                                       List<FieldProblem> problems) {
        boolean contactRejected = problems.stream().anyMatch(p -> List.of("phone", "email", "wechatId").contains(p.field()));
        if (phone != null || email != null || wechatId != null || contactRejected) {
            return;
        }
        problems.add(FieldProblem.of("phone", "oneContactRequired",
                "one contact is required: phone, email or wechatId"));
    }

    private static String required(String field, String raw, int max, List<FieldProblem> problems) {
        String value = optional(field, raw, max, problems);
        if (value == null && (raw == null || raw.isBlank())) {
            problems.add(FieldProblem.of(field, "required", "is required"));
        }
        return value;
    }

    private static String optional(String field, String raw, int max, List<FieldProblem> problems) {
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

    private static String phone(String raw, List<FieldProblem> problems) {
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

    private static String email(String raw, List<FieldProblem> problems) {
        String value = optional("email", raw, EMAIL_MAX, problems);
        if (value == null) {
            return null;
        }
        if (!EMAIL.matcher(value).matches()) {
            problems.add(new FieldProblem("email", "email", "must be an address like name@example.com, got " + value, null));
            return null;
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static String wechatId(String raw, List<FieldProblem> problems) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        if (!WECHAT_ID.matcher(value).matches()) {
            problems.add(new FieldProblem("wechatId", "pattern",
                    "must be 6-20 characters, start with a letter and use only letters, digits, _ or -, got " + value,
                    WECHAT_ID.pattern()));
            return null;
        }
        return value;
    }

    private static String region(String raw, List<FieldProblem> problems) {
        String value = optional("region", raw, REGION_MAX, problems);
        if (value == null) {
            return null;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (!REGION.matcher(lower).matches()) {
            problems.add(new FieldProblem("region", "pattern",
                    "must be a region id of letters, digits and -, got " + value, REGION.pattern()));
            return null;
        }
        return lower;
    }
}

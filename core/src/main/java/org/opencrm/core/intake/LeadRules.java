package org.opencrm.core.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.customer.CustomerRules;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.identity.EmailAddresses;
import org.opencrm.core.input.InputRules;
import org.opencrm.core.lead.LeadFields;

/**
 * Normalisation and validation of a mapped intake record. Pure.
 *
 * <p>A record is accepted when every field it carries is valid and at least one contact is usable.
 * Two problems only flag a record instead of stopping it: a masked phone, when another contact
 * remains (R-03: accepted without a usable phone, and flagged), and a region that is not a region
 * id (the raw value stays in {@code extra}). Everything else sends the record to quarantine with
 * every reason at once.
 */
public final class LeadRules {

    public static final int COMPANY_MAX = 200;
    public static final int NOTES_MAX = CustomerRules.REMARK_MAX;
    public static final int INTERACTIONS_MAX = 10_000;
    private static final String MASKED = "masked";

    private LeadRules() {}

    /**
     * @param fields the canonical fields; present when {@code problems} is empty
     * @param problems what stops the record
     * @param flags what was noticed and dropped, the record still accepted
     */
    public record Normalised(
            LeadFields fields, List<FieldProblem> problems, List<FieldProblem> flags) {

        public boolean accepted() {
            return problems.isEmpty();
        }

        /** Every reason to report, stopping ones first. */
        public List<FieldProblem> reasons() {
            List<FieldProblem> all = new ArrayList<>(problems);
            all.addAll(flags);
            return all;
        }
    }

    public static Normalised normalise(AliasMapping record) {
        List<FieldProblem> problems = new ArrayList<>();
        List<FieldProblem> flags = new ArrayList<>();
        // a webhook's JSON can carry what no argument may (NUL, an unpaired surrogate): such a
        // record is quarantined with the reason, before any of its values becomes a key
        for (String field : LeadFields.NAMES) {
            String value = record.text(field);
            if (value != null) {
                problems.addAll(InputRules.characters(field, value));
            }
        }
        String name =
                CustomerRules.optional(
                        "name", collapsed(record.text("name")), CustomerRules.NAME_MAX, problems);
        String phone = phone(record, problems, flags);
        String email = EmailAddresses.normalise(record.text("email"), problems);
        String wechatId = CustomerRules.wechatId(record.text("wechatId"), problems);
        String company =
                CustomerRules.optional("company", record.text("company"), COMPANY_MAX, problems);
        String region = region(record, flags);
        BigDecimal budget = budget(record, problems);
        String notes = CustomerRules.optional("notes", record.text("notes"), NOTES_MAX, problems);
        Integer interactions = interactions(record, problems);
        String nationalId = CustomerRules.nationalId(record.text("nationalId"), problems);
        if (phone == null && email == null && wechatId == null && noContactProblem(problems)) {
            problems.add(
                    new FieldProblem(
                            "phone",
                            "oneContactRequired",
                            "one usable contact is required: phone, email or wechatId",
                            List.of("phone", "email", "wechatId")));
        }
        List<FieldProblem> named =
                problems.stream().map(problem -> sentAs(problem, record)).toList();
        if (!named.isEmpty()) {
            return new Normalised(null, named, flags);
        }
        return new Normalised(
                LeadFields.builder()
                        .name(name)
                        .phone(phone)
                        .email(email)
                        .wechatId(wechatId)
                        .company(company)
                        .region(region)
                        .budget(budget)
                        .notes(notes)
                        .interactions30d(interactions)
                        .nationalId(nationalId)
                        .build(),
                List.of(),
                flags);
    }

    /**
     * A masked phone is a flag while another contact is usable, and a stop otherwise (decided by
     * the caller's count).
     */
    private static String phone(
            AliasMapping record, List<FieldProblem> problems, List<FieldProblem> flags) {
        List<FieldProblem> found = new ArrayList<>();
        String phone = CustomerRules.phone(record.text("phone"), found);
        boolean masked = found.stream().anyMatch(problem -> MASKED.equals(problem.rule()));
        boolean otherContact = usable(record, "email") || usable(record, "wechatId");
        if (masked && otherContact) {
            flags.addAll(found.stream().map(problem -> sentAs(problem, record)).toList());
            return null;
        }
        problems.addAll(found);
        return phone;
    }

    private static boolean usable(AliasMapping record, String field) {
        List<FieldProblem> ignored = new ArrayList<>();
        String value =
                field.equals("email")
                        ? EmailAddresses.normalise(record.text(field), ignored)
                        : CustomerRules.wechatId(record.text(field), ignored);
        return value != null;
    }

    private static String region(AliasMapping record, List<FieldProblem> flags) {
        List<FieldProblem> found = new ArrayList<>();
        String region = CustomerRules.region(record.text("region"), found);
        found.forEach(problem -> flags.add(sentAs(problem, record)));
        return region;
    }

    private static BigDecimal budget(AliasMapping record, List<FieldProblem> problems) {
        JsonNode raw = record.canonical().get("budget");
        if (raw == null) {
            return null;
        }
        if (raw.isNumber()) {
            BigDecimal amount = CustomerRules.amount("budget", raw.decimalValue(), problems);
            // the same amount whether it came as a number or as text: no trailing zeros, never in
            // exponent form
            return amount == null ? null : plain(amount);
        }
        BudgetAmounts.Result parsed = BudgetAmounts.parse("budget", raw.asText());
        if (parsed instanceof BudgetAmounts.Invalid invalid) {
            problems.add(invalid.problem());
            return null;
        }
        return ((BudgetAmounts.Valid) parsed).cny();
    }

    private static Integer interactions(AliasMapping record, List<FieldProblem> problems) {
        JsonNode raw = record.canonical().get("interactions30d");
        if (raw == null) {
            return null;
        }
        String text =
                raw.isNumber() && raw.decimalValue().stripTrailingZeros().scale() <= 0
                        ? raw.decimalValue().toBigInteger().toString()
                        : raw.asText().strip();
        if (!text.matches("\\d{1,9}") || Integer.parseInt(text) > INTERACTIONS_MAX) {
            problems.add(
                    new FieldProblem(
                            "interactions30d",
                            "range",
                            "must be a whole number from 0 to "
                                    + INTERACTIONS_MAX
                                    + ", got "
                                    + text,
                            INTERACTIONS_MAX));
            return null;
        }
        return Integer.parseInt(text);
    }

    private static BigDecimal plain(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static boolean noContactProblem(List<FieldProblem> problems) {
        return problems.stream()
                .noneMatch(
                        problem -> List.of("phone", "email", "wechatId").contains(problem.field()));
    }

    private static String collapsed(String raw) {
        return raw == null ? null : raw.strip().replaceAll("\\s+", " ");
    }

    /**
     * Names the raw field a problem's value arrived under, when the channel called it differently.
     */
    private static FieldProblem sentAs(FieldProblem problem, AliasMapping record) {
        String raw = record.sentAs().get(problem.field());
        if (raw == null || raw.equals(problem.field())) {
            return problem;
        }
        return new FieldProblem(
                problem.field(),
                problem.rule(),
                problem.message() + " (sent as " + raw + ")",
                problem.limit());
    }
}

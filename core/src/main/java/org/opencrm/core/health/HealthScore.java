package org.opencrm.core.health;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.opencrm.core.customer.Customer;

/**
 * The health rule, pure: a customer and what was done with it give a 0-100 score from three
 * explained components.
 *
 * <ul>
 *   <li><b>completeness</b>: which of name, phone, email, WeChat id, region, level and an external
 *       id the record has, {@link HealthRules#completenessMax} shared equally;
 *   <li><b>activity</b>: activities, deals and tickets within {@link HealthRules#activityMonths},
 *       full marks at {@link HealthRules#activityTarget};
 *   <li><b>credibility</b>: an email on a company domain rather than free mail, a valid mainland
 *       mobile, an id another system verified.
 * </ul>
 */
public final class HealthScore {

    public static final String COMPLETENESS = "completeness";
    public static final String ACTIVITY = "activity";
    public static final String CREDIBILITY = "credibility";

    /** Mainland mobiles as stored (E.164): +86, then 1, a second digit 3-9 and nine more. */
    private static final Pattern MAINLAND_MOBILE = Pattern.compile("\\+861[3-9]\\d{9}");

    /** The fields completeness looks at, in the order explanations name them. */
    private static final Map<String, Predicate<Customer>> FIELDS = fields();

    private HealthScore() {}

    /**
     * The score of {@code customer} given {@code touches}, counted within the activity window by
     * the caller (the rule reads no clock).
     */
    public static Health of(Customer customer, Touches touches, HealthRules rules) {
        return Health.of(
                List.of(
                        completeness(customer, rules),
                        activity(touches, rules),
                        credibility(customer, rules)));
    }

    /**
     * Whether the nightly pass archives the customer: a score below {@link
     * HealthRules#archiveBelow} and nothing done with it for {@link
     * HealthRules#archiveInactiveDays} (counted from its creation when nothing ever was).
     */
    public static boolean archiveDue(
            Customer customer, Health health, Touches touches, HealthRules rules, Instant now) {
        if (customer.archived() || health.score() >= rules.archiveBelow()) {
            return false;
        }
        Instant lastSign =
                touches.lastAt() == null
                        ? customer.createdAt()
                        : Touches.later(touches.lastAt(), customer.createdAt());
        return !lastSign.isAfter(now.minus(Duration.ofDays(rules.archiveInactiveDays())));
    }

    /** Whether this score puts a customer in the observation pool (and out of bulk export). */
    public static boolean observed(int score, HealthRules rules) {
        return score < rules.observationBelow();
    }

    static HealthComponent completeness(Customer customer, HealthRules rules) {
        List<String> present = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        FIELDS.forEach((name, has) -> (has.test(customer) ? present : missing).add(name));
        int score = rules.completenessMax() * present.size() / FIELDS.size();
        String explanation =
                points(COMPLETENESS, score, rules.completenessMax())
                        + (present.size() == 1
                                ? present.get(0) + " only"
                                : String.join(", ", present))
                        + (missing.isEmpty()
                                ? "; nothing missing"
                                : "; missing " + String.join(", ", missing));
        return new HealthComponent(COMPLETENESS, score, rules.completenessMax(), explanation);
    }

    static HealthComponent activity(Touches touches, HealthRules rules) {
        int counted = Math.min(touches.total(), rules.activityTarget());
        int score = rules.activityMax() * counted / rules.activityTarget();
        String last =
                touches.lastAt() == null
                        ? "none ever"
                        : "last on " + touches.lastAt().atOffset(ZoneOffset.UTC).toLocalDate();
        String explanation =
                points(ACTIVITY, score, rules.activityMax())
                        + touches.activities()
                        + " activities, "
                        + touches.deals()
                        + " deals, "
                        + touches.tickets()
                        + " tickets in the last "
                        + rules.activityMonths()
                        + " months ("
                        + rules.activityTarget()
                        + " for full marks); "
                        + last;
        return new HealthComponent(ACTIVITY, score, rules.activityMax(), explanation);
    }

    static HealthComponent credibility(Customer customer, HealthRules rules) {
        List<String> reasons = new ArrayList<>();
        int score = 0;
        String email = customer.fields().email();
        String domain = domainOf(email);
        if (domain == null) {
            reasons.add("no email");
        } else if (rules.freeMail().contains(domain)) {
            reasons.add("free-mail email (" + domain + ")");
        } else {
            score += rules.companyEmailPoints();
            reasons.add("company email (" + domain + ")");
        }
        String phone = customer.fields().phone();
        if (phone != null && MAINLAND_MOBILE.matcher(phone).matches()) {
            score += rules.mobilePoints();
            reasons.add("valid mainland mobile");
        } else {
            reasons.add(phone == null ? "no mobile" : "phone is not a mainland mobile");
        }
        if (customer.externalIds().isEmpty()) {
            reasons.add("no verified external id");
        } else {
            score += rules.externalIdPoints();
            reasons.add(
                    "external id verified by "
                            + String.join(", ", customer.externalIds().keySet()));
        }
        return new HealthComponent(
                CREDIBILITY,
                score,
                rules.credibilityMax(),
                points(CREDIBILITY, score, rules.credibilityMax()) + String.join("; ", reasons));
    }

    private static String domainOf(String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        return at < 0 ? null : email.substring(at + 1).trim().toLowerCase(Locale.ROOT);
    }

    private static String points(String name, int score, int max) {
        return name + " " + score + "/" + max + ": ";
    }

    private static Map<String, Predicate<Customer>> fields() {
        Map<String, Predicate<Customer>> fields = new LinkedHashMap<>();
        fields.put("name", c -> present(c.fields().name()));
        fields.put("phone", c -> present(c.fields().phone()));
        fields.put("email", c -> present(c.fields().email()));
        fields.put("WeChat id", c -> present(c.fields().wechatId()));
        fields.put("region", c -> present(c.fields().region()));
        fields.put("level", c -> c.fields().level() != null);
        fields.put("external id", c -> !c.externalIds().isEmpty());
        return fields;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}

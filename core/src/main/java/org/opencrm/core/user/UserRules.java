package org.opencrm.core.user;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.opencrm.core.access.Role;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.identity.EmailAddresses;

/** Validation of user input. Pure: no I/O; every bad field is reported with its rule and limit. */
public final class UserRules {

    public static final int NAME_MAX = 100;
    public static final int REASON_MAX = 500;
    public static final double DECAY_MIN = 0.1;
    public static final double DECAY_MAX = 10.0;
    public static final int CAPACITY_MAX = 10_000;
    public static final double DEFAULT_DECAY = 1.0;
    public static final int DEFAULT_CAPACITY = 50;

    // no ':' — audit trails of other kinds of record are filed under "<kind>:<name>" ids
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$");
    private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{0,49}$");

    private UserRules() {}

    /** The id is the identity provider's subject (Cognito sub); null when the caller gave none. */
    public static String id(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String id = raw.strip();
        if (!ID.matcher(id).matches()) {
            throw new ValidationException(
                    new FieldProblem(
                            "id",
                            "pattern",
                            "must be 1-128 letters, digits or . _ @ -, starting with a letter or digit, got "
                                    + id,
                            ID.pattern()));
        }
        return id;
    }

    public static UserProfile forCreate(UserInput input) {
        UserInput filled =
                UserInput.builder()
                        .id(input.id())
                        .name(input.name())
                        .email(input.email())
                        .role(input.role())
                        .region(input.region())
                        .team(input.team())
                        .managerId(input.managerId())
                        .decay(input.decay() == null ? DEFAULT_DECAY : input.decay())
                        .capacity(input.capacity() == null ? DEFAULT_CAPACITY : input.capacity())
                        .build();
        return check(filled, null);
    }

    /** Null keeps the current value; an empty string clears region, team or manager. */
    public static UserProfile forUpdate(UserProfile current, UserInput patch) {
        return check(patch, current);
    }

    public static String reason(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new ValidationException(FieldProblem.of("reason", "required", "is required"));
        }
        String reason = raw.strip();
        if (reason.length() > REASON_MAX) {
            throw new ValidationException(
                    FieldProblem.tooLong("reason", REASON_MAX, reason.length()));
        }
        return reason;
    }

    private static UserProfile check(UserInput in, UserProfile current) {
        List<FieldProblem> problems = new ArrayList<>();
        String name =
                in.name() == null && current != null ? current.name() : name(in.name(), problems);
        String email =
                in.email() == null && current != null
                        ? current.email()
                        : EmailAddresses.normalise(in.email(), problems);
        Role role =
                in.role() == null && current != null ? current.role() : role(in.role(), problems);
        String region =
                in.region() == null && current != null
                        ? current.region()
                        : slug("region", in.region(), problems);
        String team =
                in.team() == null && current != null
                        ? current.team()
                        : slug("team", in.team(), problems);
        String managerId =
                in.managerId() == null && current != null
                        ? current.managerId()
                        : blankToNull(in.managerId());
        double decay = in.decay() == null ? current.decay() : decay(in.decay(), problems);
        int capacity =
                in.capacity() == null ? current.capacity() : capacity(in.capacity(), problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new UserProfile(name, email, role, region, team, managerId, decay, capacity);
    }

    private static String name(String raw, List<FieldProblem> problems) {
        if (raw == null || raw.isBlank()) {
            problems.add(FieldProblem.of("name", "required", "is required"));
            return null;
        }
        String name = raw.strip();
        if (name.length() > NAME_MAX) {
            problems.add(FieldProblem.tooLong("name", NAME_MAX, name.length()));
        }
        return name;
    }

    private static Role role(String raw, List<FieldProblem> problems) {
        if (raw == null || raw.isBlank()) {
            problems.add(FieldProblem.of("role", "required", "is required"));
            return null;
        }
        return Role.parse(raw.strip())
                .orElseGet(
                        () -> {
                            problems.add(
                                    new FieldProblem(
                                            "role",
                                            "oneOf",
                                            "must be one of "
                                                    + List.of(Role.values())
                                                    + ", got "
                                                    + raw,
                                            List.of(Role.values()).toString()));
                            return null;
                        });
    }

    private static String slug(String field, String raw, List<FieldProblem> problems) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        if (!SLUG.matcher(value).matches()) {
            problems.add(
                    new FieldProblem(
                            field,
                            "pattern",
                            "must be 1-50 lower-case letters, digits or -, got " + value,
                            SLUG.pattern()));
            return null;
        }
        return value;
    }

    private static double decay(double raw, List<FieldProblem> problems) {
        if (raw < DECAY_MIN || raw > DECAY_MAX || Double.isNaN(raw)) {
            problems.add(
                    new FieldProblem(
                            "decay",
                            "range",
                            "must be between " + DECAY_MIN + " and " + DECAY_MAX + ", got " + raw,
                            DECAY_MIN + ".." + DECAY_MAX));
        }
        return raw;
    }

    private static int capacity(int raw, List<FieldProblem> problems) {
        if (raw < 0 || raw > CAPACITY_MAX) {
            problems.add(
                    new FieldProblem(
                            "capacity",
                            "range",
                            "must be between 0 and " + CAPACITY_MAX + ", got " + raw,
                            "0.." + CAPACITY_MAX));
        }
        return raw;
    }

    private static String blankToNull(String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip();
    }
}

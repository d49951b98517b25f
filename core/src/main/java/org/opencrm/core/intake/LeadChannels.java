package org.opencrm.core.intake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.opencrm.core.config.ConfigDefinition;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.lead.LeadFields;

/**
 * The intake channels and each one's alias map: raw field names as a channel sends them →
 * canonical lead fields. Run-time configuration, versioned like every other: an ADMIN edits
 * it through {@code setConfiguration("leadChannels", ...)} or {@code setLeadChannel}, and {@code
 * rollbackConfig} restores an earlier map.
 *
 * <p>Canonical names always map to themselves, and raw names match case-insensitively, so an alias
 * map only lists what a channel calls differently.
 */
public record LeadChannels(Map<String, Channel> channels) {

    public static final String NAME = "leadChannels";
    public static final int MAX_CHANNELS = 100;
    public static final int MAX_ALIASES = 200;
    public static final int MAX_LABEL = 60;
    public static final int MAX_RAW_NAME = 64;
    private static final Pattern CHANNEL_ID = Pattern.compile("^[a-z][a-z0-9_]{1,31}$");
    private static final String NATIONAL_ID = "nationalId";

    /**
     * Raw names that mean a national id on every channel, whatever its alias map says: a column
     * like 身份证 left unmapped would land in {@code extra}, outside the field matrix's national id
     * rule. Compared without case, spaces, underscores, hyphens and dots.
     */
    static final java.util.Set<String> NATIONAL_ID_NAMES =
            java.util.Set.of(
                    "身份证",
                    "身份证号",
                    "身份证号码",
                    "证件号",
                    "证件号码",
                    "idcard",
                    "idcardno",
                    "idcardnumber",
                    "idnumber",
                    "idno",
                    "nationalid",
                    "nationalidnumber",
                    "nationalidno",
                    "identitycard",
                    "identitycardnumber",
                    "identitynumber",
                    "residentid",
                    "residentidnumber");

    private static final Pattern NAME_SEPARATORS = Pattern.compile("[\\s_.\\-]+");

    /** Whether a raw field name is a well-known name of a national id (built in, not an alias). */
    public static boolean isNationalIdName(String rawName) {
        String squeezed = NAME_SEPARATORS.matcher(rawName.strip()).replaceAll("");
        return NATIONAL_ID_NAMES.contains(squeezed.toLowerCase(Locale.ROOT));
    }

    /** One channel: what people call it and its raw → canonical field names. */
    public record Channel(String label, Map<String, String> aliases) {

        public Channel {
            aliases = aliases == null ? Map.of() : Map.copyOf(aliases);
        }

        /** The canonical field a raw name means, if any. */
        public Optional<String> canonicalOf(String rawName) {
            String key = rawName.strip();
            for (String canonical : LeadFields.NAMES) {
                if (canonical.equalsIgnoreCase(key)) {
                    return Optional.of(canonical);
                }
            }
            if (isNationalIdName(key)) {
                return Optional.of(NATIONAL_ID);
            }
            for (Map.Entry<String, String> alias : aliases.entrySet()) {
                if (alias.getKey().strip().equalsIgnoreCase(key)) {
                    return Optional.of(alias.getValue());
                }
            }
            return Optional.empty();
        }
    }

    public LeadChannels {
        channels =
                channels == null
                        ? Map.of()
                        : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(channels));
    }

    public static final ConfigDefinition<LeadChannels> DEFINITION =
            new ConfigDefinition<>(NAME, LeadChannels.class, defaults(), LeadChannels::problems);

    public Optional<Channel> find(String channelId) {
        return Optional.ofNullable(channelId).map(channels::get);
    }

    public LeadChannels with(String channelId, Channel channel) {
        Map<String, Channel> next = new LinkedHashMap<>(channels);
        next.put(channelId, channel);
        return new LeadChannels(next);
    }

    static List<FieldProblem> problems(LeadChannels value) {
        List<FieldProblem> problems = new ArrayList<>();
        if (value.channels().size() > MAX_CHANNELS) {
            problems.add(
                    new FieldProblem(
                            "value.channels",
                            "maxItems",
                            "at most " + MAX_CHANNELS + " channels, got " + value.channels().size(),
                            MAX_CHANNELS));
        }
        value.channels().forEach((id, channel) -> problems.addAll(channelProblems(id, channel)));
        return problems;
    }

    private static List<FieldProblem> channelProblems(String id, Channel channel) {
        String path = "value.channels." + id;
        List<FieldProblem> problems = new ArrayList<>();
        if (!CHANNEL_ID.matcher(id).matches()) {
            problems.add(
                    new FieldProblem(
                            path,
                            "pattern",
                            "a channel id is 2-32 lower-case letters, digits or _, starting with a letter, got "
                                    + id,
                            CHANNEL_ID.pattern()));
        }
        if (channel == null) {
            problems.add(FieldProblem.of(path, "notNull", "must be a channel {label, aliases}"));
            return problems;
        }
        if (channel.label() == null
                || channel.label().isBlank()
                || channel.label().length() > MAX_LABEL) {
            problems.add(
                    new FieldProblem(
                            path + ".label",
                            "length",
                            "must be 1 to " + MAX_LABEL + " characters",
                            MAX_LABEL));
        }
        if (channel.aliases().size() > MAX_ALIASES) {
            problems.add(
                    new FieldProblem(
                            path + ".aliases",
                            "maxItems",
                            "at most " + MAX_ALIASES + " aliases, got " + channel.aliases().size(),
                            MAX_ALIASES));
        }
        channel.aliases()
                .forEach(
                        (raw, canonical) ->
                                problems.addAll(
                                        aliasProblems(path + ".aliases." + raw, raw, canonical)));
        // raw names match case-insensitively, so two spellings of one name would be a coin toss
        java.util.Set<String> seen = new java.util.HashSet<>();
        channel.aliases().keySet().stream()
                .sorted()
                .forEach(
                        raw -> {
                            if (!seen.add(raw.strip().toLowerCase(Locale.ROOT))) {
                                problems.add(
                                        FieldProblem.of(
                                                path + ".aliases." + raw,
                                                "uniqueAlias",
                                                "is the same raw name as another alias once case and spaces are ignored"));
                            }
                        });
        return problems;
    }

    private static List<FieldProblem> aliasProblems(String path, String raw, String canonical) {
        List<FieldProblem> problems = new ArrayList<>();
        if (raw.isBlank() || raw.length() > MAX_RAW_NAME) {
            problems.add(
                    new FieldProblem(
                            path,
                            "length",
                            "a raw field name is 1 to " + MAX_RAW_NAME + " characters",
                            MAX_RAW_NAME));
        }
        if (LeadFields.NAMES.stream().anyMatch(name -> name.equalsIgnoreCase(raw.strip()))) {
            problems.add(
                    FieldProblem.of(
                            path,
                            "notCanonical",
                            "is a canonical field name, which always maps to itself; it cannot be an alias"));
        }
        if (isNationalIdName(raw) && !NATIONAL_ID.equals(canonical)) {
            problems.add(
                    new FieldProblem(
                            path,
                            "nationalIdName",
                            "is a well-known name of a national id, which always maps to "
                                    + NATIONAL_ID
                                    + "; it cannot mean "
                                    + canonical,
                            NATIONAL_ID));
        }
        if (!LeadFields.NAMES.contains(canonical)) {
            problems.add(
                    new FieldProblem(
                            path,
                            "canonicalField",
                            "must name a lead field ("
                                    + String.join(", ", LeadFields.NAMES)
                                    + "), got "
                                    + canonical,
                            LeadFields.NAMES));
        }
        return problems;
    }

    /** The ids of the built-in channels, e.g. for the demo secrets. */
    public static List<String> builtInChannelIds() {
        return List.copyOf(defaults().channels().keySet());
    }

    /** The built-in channels; the demo data and a fresh deployment start from these. */
    static LeadChannels defaults() {
        Map<String, String> common = commonAliases();
        Map<String, Channel> channels = new LinkedHashMap<>();
        channels.put("website", new Channel("Website form", common));
        channels.put(
                "wechat_oa",
                new Channel("WeChat official account", plus(common, Map.of("nickname", "name"))));
        channels.put(
                "douyin",
                new Channel(
                        "Douyin",
                        plus(common, Map.of("telphone", "phone", "clue_remark", "notes"))));
        channels.put(
                "xiaohongshu",
                new Channel("Xiaohongshu", plus(common, Map.of("user_phone", "phone"))));
        channels.put(
                "trade_show",
                new Channel("Trade-show QR scan", plus(common, Map.of("booth_note", "notes"))));
        channels.put(
                "referral",
                new Channel("Referral", plus(common, Map.of("referee_phone", "phone"))));
        channels.put(
                "facebook",
                new Channel(
                        "Facebook lead ads",
                        plus(
                                common,
                                Map.of(
                                        "phone_number",
                                        "phone",
                                        "full_name",
                                        "name",
                                        "company_name",
                                        "company"))));
        channels.put("csv", new Channel("CSV import", common));
        return new LeadChannels(channels);
    }

    private static Map<String, String> commonAliases() {
        Map<String, String> aliases = new LinkedHashMap<>();
        for (String phone :
                List.of(
                        "mobile",
                        "tel",
                        "contact_phone",
                        "phone_number",
                        "cellphone",
                        "手机",
                        "手机号",
                        "电话",
                        "联系电话")) {
            aliases.put(phone, "phone");
        }
        for (String name : List.of("full_name", "contact_name", "姓名", "名字", "联系人")) {
            aliases.put(name, "name");
        }
        for (String email : List.of("e-mail", "mail", "邮箱")) {
            aliases.put(email, "email");
        }
        for (String wechat : List.of("wechat", "weixin", "wx", "微信", "微信号")) {
            aliases.put(wechat, "wechatId");
        }
        for (String region : List.of("city", "area", "城市", "地区")) {
            aliases.put(region, "region");
        }
        aliases.put("公司", "company");
        aliases.put("预算", "budget");
        for (String notes : List.of("remark", "message", "comment", "备注", "留言")) {
            aliases.put(notes, "notes");
        }
        // national id names are built in: isNationalIdName
        aliases.put("interactions", "interactions30d");
        return aliases;
    }

    private static Map<String, String> plus(Map<String, String> base, Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(base);
        more.forEach((raw, canonical) -> merged.put(raw.toLowerCase(Locale.ROOT), canonical));
        return merged;
    }
}

package org.opencrm.core.ticket;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.opencrm.core.config.ConfigDefinition;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

/**
 * The three-level ticket categories (issue 17, R-24): run-time configuration {@code
 * ticketTaxonomy}, versioned and rolled back like every other, so the service desk grows its tree
 * without a release. A ticket names a leaf by its three names; a leaf may carry the standard answer
 * that ticketSuggestions offers first.
 */
public record TicketTaxonomy(List<Category> categories) {

    public static final String NAME = "ticketTaxonomy";
    public static final int LEVELS = 3;
    static final int MAX_NAME = 50;
    static final int MAX_ANSWER = 2000;
    static final int MAX_NODES = 2000;

    public static final ConfigDefinition<TicketTaxonomy> DEFINITION =
            new ConfigDefinition<>(
                    NAME, TicketTaxonomy.class, defaults(), TicketTaxonomy::problems);

    public TicketTaxonomy {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    /** One node: a leaf at the third level, a branch above it. */
    public record Category(String name, String standardAnswer, List<Category> children) {

        public Category {
            children = children == null ? List.of() : List.copyOf(children);
        }

        static Category leaf(String name, String standardAnswer) {
            return new Category(name, standardAnswer, List.of());
        }

        static Category branch(String name, Category... children) {
            return new Category(name, null, List.of(children));
        }
    }

    /**
     * The leaf these three names lead to; BAD_USER_INPUT (field category, rule taxonomy) naming the
     * first level that does not exist and the names that do.
     */
    public Category requireLeaf(List<String> path) {
        if (path.size() != LEVELS) {
            throw new ValidationException(
                    new FieldProblem(
                            "category",
                            "levels",
                            "a category has exactly " + LEVELS + " levels, got " + path.size(),
                            LEVELS));
        }
        List<Category> level = categories;
        Category found = null;
        for (int depth = 0; depth < LEVELS; depth++) {
            String name = path.get(depth);
            Optional<Category> match =
                    level.stream().filter(node -> node.name().equals(name)).findFirst();
            if (match.isEmpty()) {
                List<String> known = level.stream().map(Category::name).toList();
                throw new ValidationException(
                        new FieldProblem(
                                "category[" + depth + "]",
                                "taxonomy",
                                "'" + name + "' is not in ticketTaxonomy here; one of " + known,
                                known));
            }
            found = match.get();
            level = found.children();
        }
        return found;
    }

    /** A small realistic tree; the service desk edits it as configuration. */
    static TicketTaxonomy defaults() {
        return new TicketTaxonomy(
                List.of(
                        Category.branch(
                                "技术故障",
                                Category.branch(
                                        "H5支付",
                                        Category.leaf(
                                                "微信浏览器兼容",
                                                "请客户将微信升级到最新版本，清理微信缓存（我 → 设置 → 通用"
                                                        + " → 存储空间）后重试；仍失败时复制支付链接到系统浏览器中完成支付。"),
                                        Category.leaf(
                                                "支付宝跳转失败", "请客户确认已安装支付宝并允许浏览器打开外部应用；或改用扫码支付。")),
                                Category.branch(
                                        "小程序",
                                        Category.leaf("白屏", "请客户删除小程序后重新进入，并检查微信版本是否为最新。"),
                                        Category.leaf("登录失败", null))),
                        Category.branch(
                                "账户问题",
                                Category.branch(
                                        "登录",
                                        Category.leaf("忘记密码", "引导客户在登录页点击“忘记密码”，通过绑定手机号验证码重置。"),
                                        Category.leaf("账号被锁定", "连续输错 5 次密码将锁定 30 分钟；核实身份后可由客服解锁。")),
                                Category.branch(
                                        "资料变更", Category.leaf("手机号变更", "核实身份后在“账户设置 → 手机号”中更换。"))),
                        Category.branch(
                                "订单与发票",
                                Category.branch(
                                        "发票",
                                        Category.leaf("开票信息错误", "作废原发票并按正确抬头重开，需在当月内完成。"),
                                        Category.leaf("发票未收到", null)),
                                Category.branch(
                                        "退款", Category.leaf("退款进度查询", "退款原路返回，一般 3-7 个工作日到账。"))),
                        Category.branch(
                                "投诉与建议",
                                Category.branch("服务投诉", Category.leaf("响应慢", null)),
                                Category.branch("产品建议", Category.leaf("功能建议", null)))));
    }

    static List<FieldProblem> problems(TicketTaxonomy taxonomy) {
        List<FieldProblem> problems = new ArrayList<>();
        int[] nodes = {0};
        checkLevel(taxonomy.categories(), 1, "value.categories", problems, nodes);
        if (nodes[0] > MAX_NODES) {
            problems.add(
                    new FieldProblem(
                            "value.categories",
                            "maxNodes",
                            "at most " + MAX_NODES + " categories, got " + nodes[0],
                            MAX_NODES));
        }
        return problems;
    }

    private static void checkLevel(
            List<Category> level,
            int depth,
            String path,
            List<FieldProblem> problems,
            int[] nodes) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < level.size(); i++) {
            Category node = level.get(i);
            String at = path + "[" + i + "]";
            nodes[0]++;
            checkNode(node, depth, at, problems);
            if (node.name() != null && !names.add(node.name())) {
                problems.add(
                        new FieldProblem(
                                at + ".name", "unique", "'" + node.name() + "' twice here", null));
            }
            if (depth < LEVELS) {
                checkLevel(node.children(), depth + 1, at + ".children", problems, nodes);
            }
        }
    }

    private static void checkNode(
            Category node, int depth, String at, List<FieldProblem> problems) {
        if (node.name() == null || node.name().isBlank()) {
            problems.add(FieldProblem.of(at + ".name", "required", "is required"));
        } else if (node.name().length() > MAX_NAME) {
            problems.add(FieldProblem.tooLong(at + ".name", MAX_NAME, node.name().length()));
        }
        if (node.standardAnswer() != null && node.standardAnswer().length() > MAX_ANSWER) {
            problems.add(
                    FieldProblem.tooLong(
                            at + ".standardAnswer", MAX_ANSWER, node.standardAnswer().length()));
        }
        if (depth < LEVELS && node.children().isEmpty()) {
            problems.add(
                    new FieldProblem(
                            at + ".children",
                            "levels",
                            "every category has exactly "
                                    + LEVELS
                                    + " levels; this one stops at "
                                    + depth,
                            LEVELS));
        }
        if (depth == LEVELS && !node.children().isEmpty()) {
            problems.add(
                    new FieldProblem(
                            at + ".children",
                            "levels",
                            "a third-level category is a leaf; it has no children",
                            LEVELS));
        }
    }
}

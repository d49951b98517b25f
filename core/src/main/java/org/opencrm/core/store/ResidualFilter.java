package org.opencrm.core.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The terms of a list filter that the chosen index's key does not apply, ANDed into one filter
 * expression. A list reads one index by its most selective term (the key); every other term the
 * caller gave narrows the page here. Attribute names are used as their own placeholders ({@code
 * #ownerId = :ownerId}), so the terms of one filter must name distinct attributes.
 */
public final class ResidualFilter {

    private final Map<String, AttributeValue> equalities = new LinkedHashMap<>();
    private final List<String> conditions = new ArrayList<>();
    private final Expression.Builder expression = Expression.builder();

    /** {@code attribute = value}; nothing when the value is null (the caller did not ask). */
    public ResidualFilter equalTo(String attribute, String value) {
        if (value != null) {
            equalities.put(attribute, AttributeValue.fromS(value));
        }
        return this;
    }

    /** Drops the term the index key applies already; nothing when null (no key term). */
    public ResidualFilter keyedBy(String attribute) {
        if (attribute != null) {
            equalities.remove(attribute);
        }
        return this;
    }

    /**
     * Any other condition, written with {@code #attribute} and {@code :placeholder} names.
     *
     * @param names the attributes the condition's {@code #name}s stand for
     * @param values the condition's {@code :placeholder} values
     */
    public ResidualFilter condition(
            String condition, List<String> names, Map<String, AttributeValue> values) {
        conditions.add(condition);
        names.forEach(name -> expression.putExpressionName("#" + name, name));
        values.forEach(expression::putExpressionValue);
        return this;
    }

    /** The filter expression, or null when no term is left (DynamoDB refuses an empty one). */
    public Expression build() {
        List<String> all = new ArrayList<>();
        equalities.forEach(
                (attribute, value) -> {
                    all.add("#" + attribute + " = :" + attribute);
                    expression.putExpressionName("#" + attribute, attribute);
                    expression.putExpressionValue(":" + attribute, value);
                });
        all.addAll(conditions);
        return all.isEmpty() ? null : expression.expression(String.join(" AND ", all)).build();
    }
}

package org.opencrm.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The filter a list applies inside its index query: every given attribute equals its value. Names
 * are aliased, so reserved words (status, role, region, name) are safe.
 */
public final class EqualityFilter {

    private EqualityFilter() {}

    /** Null values do not filter; null when nothing does. */
    public static Expression of(Map<String, String> valuesByAttribute) {
        Expression.Builder expression = Expression.builder();
        List<String> conditions = new ArrayList<>();
        valuesByAttribute.forEach(
                (attribute, value) -> {
                    if (value == null) {
                        return;
                    }
                    conditions.add("#" + attribute + " = :" + attribute);
                    expression
                            .putExpressionName("#" + attribute, attribute)
                            .putExpressionValue(":" + attribute, AttributeValue.fromS(value));
                });
        return conditions.isEmpty()
                ? null
                : expression.expression(String.join(" AND ", conditions)).build();
    }
}

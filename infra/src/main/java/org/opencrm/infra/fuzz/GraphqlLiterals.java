package org.opencrm.infra.fuzz;

import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.regex.Pattern;

/** Values written into a document as GraphQL literals, strings escaped as the spec says. */
final class GraphqlLiterals {

    private static final Pattern NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]*");

    private GraphqlLiterals() {}

    /** A string, number or null as a literal of {@code type}; an enum's name unquoted. */
    static String print(Object value, GraphQLType type) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number number) {
            return number.toString();
        }
        String text = String.valueOf(value);
        boolean enumType = GraphQLTypeUtil.unwrapAll(type) instanceof GraphQLEnumType;
        if (enumType && NAME.matcher(text).matches()) {
            return text;
        }
        return quoted(text);
    }

    static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

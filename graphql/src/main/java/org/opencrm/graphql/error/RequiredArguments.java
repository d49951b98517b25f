package org.opencrm.graphql.error;

import graphql.language.Argument;
import graphql.language.Node;
import graphql.language.ObjectField;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.parser.InvalidSyntaxException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.opencrm.graphql.limits.GraphqlLimits;

/**
 * The argument graphql-java refused as missing before any rule of ours ran: one left out of the
 * document, or a variable sent null for a non-null argument. graphql-java says which only in its
 * message, and for a variable it names the variable, which a client may call anything; so the
 * argument is looked up in the document as the one that variable is passed to.
 */
final class RequiredArguments {

    // graphql-java 26's messages (i18n/Validation.properties, ValuesResolver): the test pins
    // them, so an upgrade that rewords them fails the build instead of dropping the field
    private static final Pattern LEFT_OUT = Pattern.compile("Missing field argument '([^']+)'");
    private static final Pattern SENT_NULL =
            Pattern.compile("Variable '([^']+)' has coerced Null value for NonNull type");

    private RequiredArguments() {}

    /** The argument (or input field) the error says is missing, if it says so. */
    static Optional<String> refused(String message, String query) {
        Matcher leftOut = LEFT_OUT.matcher(message);
        if (leftOut.find()) {
            return Optional.of(leftOut.group(1));
        }
        Matcher sentNull = SENT_NULL.matcher(message);
        if (!sentNull.find()) {
            return Optional.empty();
        }
        String variable = sentNull.group(1);
        return takerOf(variable, query).or(() -> Optional.of(variable));
    }

    private static Optional<String> takerOf(String variable, String query) {
        try {
            return namesTaking(variable, GraphqlLimits.parse(query)).findFirst();
        } catch (InvalidSyntaxException unparsable) {
            // graphql-java parsed it to get this far; nothing better to say if it cannot now
            return Optional.empty();
        }
    }

    /** The names of the arguments and input fields given {@code $variable}, depth first. */
    private static Stream<String> namesTaking(String variable, Node<?> node) {
        Stream<String> children =
                node.getChildren().stream().flatMap(child -> namesTaking(variable, child));
        if (node instanceof Argument argument && passes(argument.getValue(), variable)) {
            return Stream.concat(Stream.of(argument.getName()), children);
        }
        if (node instanceof ObjectField field && passes(field.getValue(), variable)) {
            return Stream.concat(Stream.of(field.getName()), children);
        }
        return children;
    }

    private static boolean passes(Value<?> value, String variable) {
        return value instanceof VariableReference reference && reference.getName().equals(variable);
    }
}

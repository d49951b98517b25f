package org.opencrm.graphql.http;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import java.util.List;
import java.util.Objects;
import org.opencrm.graphql.limits.GraphqlLimits;

/** What a document asks: read before execution, to know whether a request is a mutation. */
final class Operations {

    private Operations() {}

    /**
     * Whether the operation the request runs is a mutation; a document that does not parse, or
     * names no single operation, is not (execution reports it as it always does).
     */
    static boolean isMutation(String query, String operationName) {
        Document document;
        try {
            // our parser limits: this parse runs before execution's own, on untrusted text
            document = GraphqlLimits.parse(query);
        } catch (RuntimeException unparsable) {
            return false;
        }
        List<OperationDefinition> operations =
                document.getDefinitionsOfType(OperationDefinition.class);
        List<OperationDefinition> chosen =
                operationName == null
                        ? operations
                        : operations.stream()
                                .filter(
                                        operation ->
                                                Objects.equals(operation.getName(), operationName))
                                .toList();
        return chosen.size() == 1
                && chosen.get(0).getOperation() == OperationDefinition.Operation.MUTATION;
    }
}

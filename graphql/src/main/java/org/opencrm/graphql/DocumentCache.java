package org.opencrm.graphql;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Document;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.opencrm.core.runtime.LruCache;

/**
 * Parsed and validated documents by query text: clients send the same few queries, so a warm
 * container parses each once. Bounded, least recently used out first.
 */
final class DocumentCache implements PreparsedDocumentProvider {

    private final LruCache<String, PreparsedDocumentEntry> documents;

    DocumentCache(int capacity) {
        this.documents = new LruCache<>(capacity);
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
            ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        Optional<PreparsedDocumentEntry> cached = documents.find(input.getQuery());
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(cached.get());
        }
        PreparsedDocumentEntry entry = parseAndValidate.apply(input);
        if (!entry.hasErrors()) {
            documents.put(input.getQuery(), entry);
        }
        return CompletableFuture.completedFuture(entry);
    }

    /** The document of a query this cache holds (one parsed and valid here before), if it does. */
    Optional<Document> known(String query) {
        return query == null
                ? Optional.empty()
                : documents.find(query).map(PreparsedDocumentEntry::getDocument);
    }
}

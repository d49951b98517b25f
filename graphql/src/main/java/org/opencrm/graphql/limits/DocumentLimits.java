package org.opencrm.graphql.limits;

import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Node;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencrm.core.error.FieldProblem;

/**
 * Measures a parsed document before graphql-java validates it, so neither validation nor execution
 * ever sees an oversized one: aliases, fields and directives as written, a directive repeated in
 * one place, and with every fragment expanded where it is spread, the depth and the complexity
 * (fields executed). Pure and linear: each fragment is measured once; a fragment cycle or an
 * unknown fragment counts nothing here and is refused by validation.
 */
public final class DocumentLimits {

    private final Set<String> repeatableDirectives;

    /**
     * @param repeatableDirectives the directives the schema declares {@code repeatable}
     */
    public DocumentLimits(Set<String> repeatableDirectives) {
        this.repeatableDirectives = Set.copyOf(repeatableDirectives);
    }

    /** The first limit the document exceeds, if any. */
    public Optional<FieldProblem> check(Document document) {
        Written written = new Written();
        walk(document, written);
        if (written.repeated != null) {
            return Optional.of(
                    new FieldProblem(
                            "query",
                            "uniqueDirective",
                            "directive @"
                                    + written.repeated
                                    + " may appear once in one place, it is not repeatable",
                            1));
        }
        if (written.aliases > GraphqlLimits.MAX_ALIASES) {
            return tooMany("maxAliases", "aliases", GraphqlLimits.MAX_ALIASES, written.aliases);
        }
        if (written.fields > GraphqlLimits.MAX_FIELDS) {
            return tooMany("maxFields", "fields", GraphqlLimits.MAX_FIELDS, written.fields);
        }
        if (written.directives > GraphqlLimits.MAX_DIRECTIVES) {
            return tooMany(
                    "maxDirectives",
                    "directives",
                    GraphqlLimits.MAX_DIRECTIVES,
                    written.directives);
        }
        Expanded expanded = new Expanded(document);
        long depth = 0;
        long complexity = 0;
        for (OperationDefinition operation :
                document.getDefinitionsOfType(OperationDefinition.class)) {
            Measure measure = expanded.of(operation.getSelectionSet());
            depth = Math.max(depth, measure.depth());
            complexity = capped(complexity + measure.fields());
        }
        if (depth > GraphqlLimits.MAX_DEPTH) {
            return tooMany("maxDepth", "levels of fields", GraphqlLimits.MAX_DEPTH, depth);
        }
        if (complexity > GraphqlLimits.MAX_COMPLEXITY) {
            return tooMany(
                    "maxComplexity",
                    "fields executed (fragments counted where spread)",
                    GraphqlLimits.MAX_COMPLEXITY,
                    complexity);
        }
        return Optional.empty();
    }

    private static Optional<FieldProblem> tooMany(String rule, String what, int limit, long got) {
        return Optional.of(
                new FieldProblem(
                        "query", rule, "at most " + limit + " " + what + ", got " + got, limit));
    }

    private void walk(Node<?> node, Written written) {
        if (node instanceof Field field) {
            written.fields++;
            if (field.getAlias() != null) {
                written.aliases++;
            }
        }
        if (node instanceof Directive) {
            written.directives++;
        }
        if (node instanceof DirectivesContainer<?> container && written.repeated == null) {
            written.repeated = repeatedIn(container);
        }
        for (Node<?> child : node.getChildren()) {
            walk(child, written);
        }
    }

    private String repeatedIn(DirectivesContainer<?> container) {
        Set<String> seen = new HashSet<>();
        for (Directive directive : container.getDirectives()) {
            String name = directive.getName();
            if (!seen.add(name) && !repeatableDirectives.contains(name)) {
                return name;
            }
        }
        return null;
    }

    /** Counts grow by multiplication through fragments: past any limit is enough to know. */
    private static long capped(long count) {
        return Math.min(count, Integer.MAX_VALUE);
    }

    private static final class Written {
        int fields;
        int aliases;
        int directives;
        String repeated;
    }

    /** Levels of fields and fields executed below a selection set. */
    private record Measure(long depth, long fields) {
        static final Measure NONE = new Measure(0, 0);
    }

    /** Selection sets measured with fragments expanded, each fragment measured once. */
    private static final class Expanded {
        private final Map<String, FragmentDefinition> fragments = new HashMap<>();
        private final Map<String, Measure> measured = new HashMap<>();
        private final Set<String> measuring = new HashSet<>();

        Expanded(Document document) {
            for (FragmentDefinition fragment :
                    document.getDefinitionsOfType(FragmentDefinition.class)) {
                fragments.putIfAbsent(fragment.getName(), fragment);
            }
        }

        Measure of(SelectionSet selectionSet) {
            if (selectionSet == null) {
                return Measure.NONE;
            }
            long depth = 0;
            long fields = 0;
            for (Selection<?> selection : selectionSet.getSelections()) {
                Measure measure = of(selection);
                depth = Math.max(depth, measure.depth());
                fields = capped(fields + measure.fields());
            }
            return new Measure(depth, fields);
        }

        private Measure of(Selection<?> selection) {
            if (selection instanceof Field field) {
                Measure below = of(field.getSelectionSet());
                return new Measure(below.depth() + 1, capped(below.fields() + 1));
            }
            if (selection instanceof InlineFragment inline) {
                return of(inline.getSelectionSet());
            }
            if (selection instanceof FragmentSpread spread) {
                return fragment(spread.getName());
            }
            return Measure.NONE;
        }

        private Measure fragment(String name) {
            Measure known = measured.get(name);
            if (known != null) {
                return known;
            }
            FragmentDefinition fragment = fragments.get(name);
            if (fragment == null || !measuring.add(name)) {
                return Measure.NONE;
            }
            Measure measure = of(fragment.getSelectionSet());
            measuring.remove(name);
            measured.put(name, measure);
            return measure;
        }
    }
}

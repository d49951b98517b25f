package org.opencrm.core.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Scope;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.paging.Cursor;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.ParallelReads;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Search over customers, leads, deals and users (issue 15), within the caller's row scope.
 *
 * <p>Per record type, one prefix (key range) query on the text partition of the text's first
 * character and, for a Latin-letter text, one on the pinyin partition; all run side by side. Each
 * reads until it holds {@link #CANDIDATES} tokens the caller may read, or has read {@link
 * #READ_BUDGET} tokens, so a search costs a bounded number of reads whatever the table's size. Row
 * scope is applied in memory from the owner, team, region and service agent each token carries (the
 * same {@link AccessPolicy#mayRead} as the records' own reads), so out-of-scope records never show,
 * not even as a count. The cost: a caller with a narrow scope searching a very common prefix may
 * find fewer than all of their matches within the budget; a longer text narrows it.
 *
 * <p>Hits are deduplicated per record (its best match), ranked exact before prefix before pinyin,
 * and paged by a cursor over that ranking.
 */
public final class SearchService {

    /** The most in-scope tokens one query keeps: the ranked list is at most this long per type. */
    static final int CANDIDATES = 200;

    /** The most tokens one query reads, in scope or not. */
    static final int READ_BUDGET = 1000;

    private static final int READ_PAGE = 200;
    private static final Pattern LATIN = Pattern.compile("^[a-z]+$");

    private final SearchIndexStore store;
    private final AccessPolicy policy;

    public SearchService(SearchIndexStore store, AccessPolicy policy) {
        this.store = store;
        this.policy = policy;
    }

    /** One prefix query: which type, which partition. */
    private record Probe(SearchType type, String partition) {}

    public Page<SearchHit> search(
            Caller caller, String text, Collection<SearchType> types, Integer first, String after) {
        String normalised = validText(text);
        PageRequest page = PageRequest.of(first, after);
        List<Probe> probes = probes(caller, normalised, types);
        List<List<SearchHit>> found =
                ParallelReads.each(probes, probe -> read(caller, probe, normalised));
        List<SearchHit> ranked = best(found);
        return pageOf(ranked, page);
    }

    private static String validText(String text) {
        String normalised = SearchTokens.normaliseText(text);
        if (normalised.isEmpty()) {
            throw new ValidationException(
                    FieldProblem.of("text", "required", "must hold something to search for"));
        }
        if (text.strip().length() > SearchTokens.MAX_TEXT) {
            throw new ValidationException(
                    FieldProblem.tooLong("text", SearchTokens.MAX_TEXT, text.strip().length()));
        }
        return normalised;
    }

    private List<Probe> probes(Caller caller, String text, Collection<SearchType> types) {
        Set<SearchType> asked =
                types == null || types.isEmpty()
                        ? EnumSet.allOf(SearchType.class)
                        : EnumSet.copyOf(types);
        boolean pinyin = LATIN.matcher(text).matches();
        List<Probe> probes = new ArrayList<>();
        for (SearchType type : asked) {
            if (!mayReadAny(caller, type)) {
                continue;
            }
            String name = type.name();
            probes.add(new Probe(type, Keys.searchPartition(name, false, text)));
            if (pinyin) {
                probes.add(new Probe(type, Keys.searchPartition(name, true, text)));
            }
        }
        return probes;
    }

    /** A type whose scope is NONE is not queried at all (leads may still be read in a pool). */
    private boolean mayReadAny(Caller caller, SearchType type) {
        return type == SearchType.LEAD
                || policy.readScope(type.policyType(), caller.role()) != Scope.NONE;
    }

    private List<SearchHit> read(Caller caller, Probe probe, String text) {
        List<SearchHit> hits = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int read = 0;
        do {
            SearchIndexStore.TokenPage tokens =
                    store.prefixPage(probe.partition(), text, READ_PAGE, start);
            read += tokens.items().size();
            tokens.items().stream()
                    .filter(
                            item ->
                                    policy.mayRead(
                                            probe.type().policyType(), caller, item.ownership()))
                    .map(item -> hitOf(probe.type(), item, text))
                    .forEach(hits::add);
            start = tokens.next() == null || tokens.next().isEmpty() ? null : tokens.next();
        } while (start != null && hits.size() < CANDIDATES && read < READ_BUDGET);
        return hits;
    }

    private static SearchHit hitOf(SearchType type, SearchTokenItem item, String text) {
        SearchToken token = item.searchToken();
        return new SearchHit(
                type,
                item.getRecordId(),
                item.getTitle(),
                item.getSubtitle(),
                token.kind(),
                Match.of(token, text),
                token.value());
    }

    /** Each record once, by its best match, in rank order. */
    private static List<SearchHit> best(List<List<SearchHit>> found) {
        Map<String, SearchHit> byRecord = new HashMap<>();
        Comparator<SearchHit> rank = Comparator.comparing(SearchHit::rankKey);
        for (List<SearchHit> hits : found) {
            for (SearchHit hit : hits) {
                byRecord.merge(
                        hit.type() + "#" + hit.id(),
                        hit,
                        (one, other) -> rank.compare(one, other) <= 0 ? one : other);
            }
        }
        return byRecord.values().stream().sorted(rank).toList();
    }

    private static Page<SearchHit> pageOf(List<SearchHit> ranked, PageRequest page) {
        List<SearchHit> after =
                page.afterSortKey()
                        .map(
                                cursor ->
                                        ranked.stream()
                                                .filter(hit -> hit.rankKey().compareTo(cursor) > 0)
                                                .toList())
                        .orElse(ranked);
        List<Page.Entry<SearchHit>> entries =
                after.stream()
                        .limit(page.first())
                        .map(hit -> new Page.Entry<>(hit, Cursor.encode(hit.rankKey())))
                        .toList();
        return new Page<>(entries, after.size() > page.first());
    }
}

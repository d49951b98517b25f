package org.opencrm.graphql.search;

import static org.opencrm.graphql.RequestContext.caller;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.search.SearchHit;
import org.opencrm.core.search.SearchService;
import org.opencrm.core.search.SearchType;
import org.opencrm.graphql.relay.Connections;

/** Binds the {@code search} query of search.graphqls to the search service. */
public final class SearchWiring {

    private final SearchService search;

    public SearchWiring(SearchService search) {
        this.search = search;
    }

    public void register(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type.dataFetcher("search", this::querySearch));
    }

    private Object querySearch(DataFetchingEnvironment env) {
        List<String> types = env.getArgument("types");
        return Connections.of(
                search.search(
                                caller(env),
                                env.getArgument("text"),
                                types == null
                                        ? null
                                        : types.stream().map(SearchType::valueOf).toList(),
                                env.getArgument("first"),
                                env.getArgument("after"))
                        .map(SearchWiring::node));
    }

    private static Map<String, Object> node(SearchHit hit) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("type", hit.type().name());
        shown.put("id", hit.id());
        shown.put("title", hit.title());
        shown.put("subtitle", hit.subtitle());
        shown.put("matchedBy", hit.matchedBy().name());
        shown.put("match", hit.match().name());
        return shown;
    }
}

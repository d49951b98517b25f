package org.opencrm.graphql.relay;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.paging.Page;

/**
 * A store page as a Relay connection: {@code edges { cursor node } pageInfo { hasNextPage endCursor
 * }}.
 */
public final class Connections {

    private Connections() {}

    public static Map<String, Object> of(Page<?> page) {
        List<Map<String, Object>> edges =
                page.entries().stream()
                        .map(
                                entry ->
                                        Map.<String, Object>of(
                                                "cursor", entry.cursor(), "node", entry.item()))
                        .toList();
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", page.hasNextPage());
        pageInfo.put("endCursor", page.endCursor());
        return Map.of("edges", edges, "pageInfo", pageInfo);
    }
}

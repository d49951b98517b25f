package org.opencrm.graphql.http;

import java.util.Locale;
import java.util.Optional;

/**
 * GraphQL over HTTP's media types: which one a request's {@code Accept} asks for, and whether its
 * {@code Content-Type} is the one body we read (application/json in UTF-8).
 */
final class MediaTypes {

    static final String JSON = "application/json";
    static final String GRAPHQL_RESPONSE = "application/graphql-response+json";

    /** The response media types we write, each in UTF-8. */
    enum ResponseType {
        /** GraphQL errors are 200, as the spec keeps it for this older type. */
        JSON(MediaTypes.JSON),
        /** A request that never reached execution (no {@code data}) is a 4xx. */
        GRAPHQL_RESPONSE(MediaTypes.GRAPHQL_RESPONSE);

        private final String mediaType;

        ResponseType(String mediaType) {
            this.mediaType = mediaType;
        }

        String contentType() {
            return mediaType + "; charset=utf-8";
        }
    }

    private record Match(ResponseType type, double quality, int specificity) {}

    private MediaTypes() {}

    /**
     * The response type the {@code Accept} header prefers: the highest quality wins, then the more
     * specific range; {@code *}{@code /*} or no header means application/json (the spec's default
     * until clients all know the new type); equal exact preferences go to graphql-response+json.
     * Empty when the header accepts neither.
     */
    static Optional<ResponseType> negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return Optional.of(ResponseType.JSON);
        }
        Match json = match(accept, ResponseType.JSON);
        Match graphql = match(accept, ResponseType.GRAPHQL_RESPONSE);
        Match best = better(graphql, json);
        return best.quality() > 0 ? Optional.of(best.type()) : Optional.empty();
    }

    private static Match better(Match graphql, Match json) {
        if (graphql.quality() != json.quality()) {
            return graphql.quality() > json.quality() ? graphql : json;
        }
        if (graphql.specificity() != json.specificity()) {
            return graphql.specificity() > json.specificity() ? graphql : json;
        }
        return graphql.specificity() == 2 ? graphql : json;
    }

    /** The quality of the most specific range in {@code accept} that covers the type. */
    private static Match match(String accept, ResponseType type) {
        Match best = new Match(type, 0, -1);
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            int specificity = specificity(parts[0].trim().toLowerCase(Locale.ROOT), type);
            if (specificity > best.specificity()) {
                best = new Match(type, quality(parts), specificity);
            }
        }
        return best;
    }

    private static int specificity(String range, ResponseType type) {
        if (range.equals(type.mediaType)) {
            return 2;
        }
        if (range.equals("application/*")) {
            return 1;
        }
        return range.equals("*/*") ? 0 : -1;
    }

    private static double quality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String[] pair = parameters[i].trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("q")) {
                try {
                    return Double.parseDouble(pair[1].trim());
                } catch (NumberFormatException unreadable) {
                    return 0;
                }
            }
        }
        return 1;
    }

    /**
     * Whether a POST body of this {@code Content-Type} is read: application/json, in UTF-8 when a
     * charset is named. Forms and text/plain are refused, so a browser's cross-site form post (no
     * CORS preflight) never runs an operation.
     */
    static boolean readable(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase(JSON)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                String charset = pair[1].trim().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8")) {
                    return false;
                }
            }
        }
        return true;
    }
}

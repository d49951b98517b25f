package org.opencrm.core.chart;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.opencrm.core.contract.Caliber;
import org.opencrm.core.deal.FunnelService.FunnelQuery;
import org.opencrm.core.error.UnauthenticatedException;
import org.opencrm.core.secrets.SecretSource;
import org.opencrm.core.signing.HmacSha256;

/**
 * Signed, expiring chart links, for places that cannot send a token, such as the finance team's
 * robot message: {@code <api>/charts/link/revenue.svg?from=..&to=..&calibers=..&viewer=<user
 * id>&expires=<epoch seconds>&sig=<hex>}. The signature (HMAC-SHA-256) covers the chart and every
 * parameter, so nothing in the link can be changed; the chart is drawn as the viewer, a user of the
 * org who must still be active when the link is opened, so a link never shows more than that user
 * may see, and stops working when they leave.
 *
 * <p>The key is derived from the deployment's secret with a label of its own (HMAC as a key
 * derivation function), so a link's MAC can never be mistaken for a golden id or any other MAC.
 */
public final class ChartLinks {

    public static final String PATH = "/charts/link/";
    public static final String VIEWER = "viewer";
    public static final String EXPIRES = "expires";
    public static final String SIGNATURE = "sig";

    /** Long enough for a monthly report's links to be opened the next month. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(62);

    private static final byte[] KEY_LABEL =
            "opencrm chart links v1".getBytes(StandardCharsets.UTF_8);

    private final byte[] key;
    private final String apiBaseUrl;
    private final Clock clock;

    ChartLinks(byte[] key, String apiBaseUrl, Clock clock) {
        this.key = key.clone();
        this.apiBaseUrl =
                apiBaseUrl.endsWith("/")
                        ? apiBaseUrl.substring(0, apiBaseUrl.length() - 1)
                        : apiBaseUrl;
        this.clock = clock;
    }

    /**
     * @param apiBaseUrl the HTTP API's base URL, stage included, e.g. {@code
     *     https://abc.execute-api.cn-north-1.amazonaws.com.cn/prod}
     */
    public static ChartLinks from(SecretSource secrets, String apiBaseUrl, Clock clock) {
        return new ChartLinks(HmacSha256.of(secrets.goldenIdKey(), KEY_LABEL), apiBaseUrl, clock);
    }

    /**
     * Links relative to the API's root ({@code /charts/link/...}), for verifying and for pages
     * served by the API itself.
     */
    public static ChartLinks relative(SecretSource secrets, Clock clock) {
        return from(secrets, "", clock);
    }

    /** A link to the calibers-by-month chart, drawn as {@code viewerId}. */
    public URI revenue(RevenueChartQuery query, String viewerId, Duration lifetime) {
        return link(ChartKind.REVENUE, query.parameters(), viewerId, lifetime);
    }

    /** How many months a monthly report's chart shows: the report's month and the five before. */
    public static final int REPORT_MONTHS = 6;

    /**
     * The link a monthly revenue report carries: every caliber over its month and the five before,
     * drawn as {@code viewerId}, valid for {@link #MAX_LIFETIME} so it still opens next month.
     */
    public URI monthlyReport(YearMonth month, String viewerId) {
        RevenueChartQuery months =
                new RevenueChartQuery(
                        month.minusMonths(REPORT_MONTHS - 1), month, List.of(Caliber.values()));
        return revenue(months, viewerId, MAX_LIFETIME);
    }

    /** A link to the funnel chart, drawn as {@code viewerId}. */
    public URI funnel(FunnelQuery query, String viewerId, Duration lifetime) {
        return link(ChartKind.FUNNEL, FunnelChartQuery.parameters(query), viewerId, lifetime);
    }

    private URI link(
            ChartKind chart, Map<String, String> parameters, String viewerId, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException(
                    "a chart link lives more than nothing and at most "
                            + MAX_LIFETIME
                            + ", got "
                            + lifetime);
        }
        Map<String, String> signed = new LinkedHashMap<>(parameters);
        signed.put(VIEWER, viewerId);
        signed.put(EXPIRES, Long.toString(clock.instant().plus(lifetime).getEpochSecond()));
        signed.put(SIGNATURE, HexFormat.of().formatHex(mac(chart, signed)));
        return URI.create(apiBaseUrl + PATH + chart.fileName() + "?" + encoded(signed));
    }

    /**
     * The viewer of a link whose parameters carry a valid, unexpired signature for {@code chart}.
     *
     * @throws UnauthenticatedException when the signature is missing or wrong, or the link expired
     */
    public String verify(ChartKind chart, Map<String, String> parameters) {
        String given = parameters.get(SIGNATURE);
        String viewer = parameters.get(VIEWER);
        String expires = parameters.get(EXPIRES);
        if (given == null || viewer == null || expires == null) {
            throw new UnauthenticatedException(
                    "a chart link needs viewer, expires and sig parameters; ask for a new link");
        }
        // constant time, so response timing does not reveal how many leading bytes matched
        if (!MessageDigest.isEqual(mac(chart, parameters), parseHex(given))) {
            throw new UnauthenticatedException(
                    "the chart link's signature does not match; it was changed or is not ours");
        }
        // the signature matched, so expires is the number this class wrote
        Instant expiry = Instant.ofEpochSecond(Long.parseLong(expires));
        if (!clock.instant().isBefore(expiry)) {
            throw new UnauthenticatedException(
                    "the chart link expired at " + expiry + "; ask for a new link");
        }
        return viewer;
    }

    /** The chart's own parameters of a link: without viewer, expiry and signature. */
    public static Map<String, String> chartParameters(Map<String, String> linkParameters) {
        Map<String, String> chart = new LinkedHashMap<>(linkParameters);
        chart.remove(VIEWER);
        chart.remove(EXPIRES);
        chart.remove(SIGNATURE);
        return chart;
    }

    /** The MAC of the chart and every parameter but the signature, in name order. */
    private byte[] mac(ChartKind chart, Map<String, String> parameters) {
        Map<String, String> sorted = new TreeMap<>(parameters);
        sorted.remove(SIGNATURE);
        String canonical = chart.fileName() + "?" + encoded(sorted);
        return HmacSha256.of(key, canonical.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] parseHex(String hex) {
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException notHex) {
            return new byte[0];
        }
    }

    private static String encoded(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

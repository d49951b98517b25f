package org.opencrm.template;

import java.util.List;
import java.util.Locale;

/**
 * An {@code S3} event: the bucket's notification configuration sends the function an {@code
 * S3Event} for every object event of the named kinds whose key matches the filter.
 *
 * @param bucketLogicalId the bucket's logical id ({@code Bucket: !Ref <Bucket>})
 * @param bucketName the bucket's physical name
 * @param events S3 event types as declared, e.g. {@code s3:ObjectCreated:*}
 * @param keyPrefix the {@code prefix} filter rule; empty matches every key
 * @param keySuffix the {@code suffix} filter rule; empty matches every key
 */
public record S3Source(
        String functionLogicalId,
        String eventId,
        String bucketLogicalId,
        String bucketName,
        List<String> events,
        String keyPrefix,
        String keySuffix)
        implements FunctionEvent {

    public static final String TYPE = "S3";
    private static final String EVENT_PREFIX = "s3:";
    private static final String ANY = "*";

    public S3Source {
        events = List.copyOf(events);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * Whether an object event reaches the function: its name matches one of {@link #events} (S3's
     * wildcard form {@code s3:ObjectCreated:*} matches every {@code ObjectCreated:} event) and its
     * key has the filter's prefix and suffix (case-sensitive, as in S3).
     *
     * @param eventName the record's {@code eventName}, e.g. {@code ObjectCreated:Put}
     * @param key the object key
     */
    public boolean matches(String eventName, String key) {
        return key.startsWith(keyPrefix)
                && key.endsWith(keySuffix)
                && events.stream().anyMatch(declared -> eventMatches(declared, eventName));
    }

    private static boolean eventMatches(String declared, String eventName) {
        String pattern =
                declared.startsWith(EVENT_PREFIX)
                        ? declared.substring(EVENT_PREFIX.length())
                        : declared;
        if (pattern.endsWith(ANY)) {
            String family = pattern.substring(0, pattern.length() - ANY.length());
            return eventName.startsWith(family);
        }
        return pattern.toLowerCase(Locale.ROOT).equals(eventName.toLowerCase(Locale.ROOT));
    }
}

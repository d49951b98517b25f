package org.opencrm.core.testing;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.opencrm.core.consistency.ConsistencyDiff;
import org.opencrm.core.consistency.ExportFile;
import org.opencrm.core.intake.CsvSource;

/**
 * Consistency exports for tests without a bucket: files kept in memory by key, each opened as a
 * fresh stream every time a diff (or its continuation) reads it, as the pinned S3 object is.
 */
public final class TestExports implements ConsistencyDiff.Sources {

    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    /** Keeps {@code text} (UTF-8) as an uploaded export; its file to name in a diff's Export. */
    public ExportFile add(String text) {
        return add(text.getBytes(StandardCharsets.UTF_8));
    }

    public ExportFile add(byte[] bytes) {
        String key = "uploads/" + UUID.randomUUID();
        files.put(key, bytes.clone());
        return new ExportFile(key, "etag-" + key, bytes.length, null);
    }

    @Override
    public CsvSource open(ExportFile file) {
        byte[] bytes = files.get(file.key());
        if (bytes == null) {
            throw new IllegalStateException("no export under " + file.key());
        }
        return () -> new ByteArrayInputStream(bytes);
    }

    /** Forgets every file: a diff that reads one again fails loudly. */
    public void clear() {
        files.clear();
    }
}

package org.opencrm.core.intake;

import java.io.IOException;
import java.io.InputStream;

/**
 * A CSV file that can be read from the start more than once, each time with the same bytes (for an
 * S3 object: a GetObject pinned to the object's ETag or version). A streamed import reads it twice:
 * once to check the whole file, once to queue its rows, so a file refused at its last line queues
 * nothing.
 */
@FunctionalInterface
public interface CsvSource {

    /** A new stream over the file's bytes from the first; the caller closes it. */
    InputStream open() throws IOException;
}

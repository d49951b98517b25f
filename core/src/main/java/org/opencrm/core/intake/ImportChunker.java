package org.opencrm.core.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Groups rows, in file order, into chunks of at most {@link LeadImportService#CHUNK_ROWS} rows and
 * about {@link LeadImportService#CHUNK_BYTES}, handing each chunk on as soon as it is full: only
 * one chunk's rows are held at a time. The one place that decides where a chunk ends, for inline
 * and streamed imports alike.
 */
final class ImportChunker {

    /** One chunk's rows; {@code number} counts from 0, {@code firstRow} from 1. */
    record Chunk(int number, long firstRow, List<ObjectNode> rows) {}

    private final Consumer<Chunk> sink;
    private List<ObjectNode> current = new ArrayList<>();
    private int bytes;
    private long firstRow = 1;
    private int chunks;

    ImportChunker(Consumer<Chunk> sink) {
        this.sink = sink;
    }

    void add(ObjectNode row) {
        // UTF-8 takes up to 3 bytes per char: an upper bound that needs no encoding
        int size = row.toString().length() * 3;
        if (!current.isEmpty()
                && (current.size() == LeadImportService.CHUNK_ROWS
                        || bytes + size > LeadImportService.CHUNK_BYTES)) {
            emit();
        }
        current.add(row);
        bytes += size;
    }

    /** Hands on the last, partly filled chunk. */
    void finish() {
        if (!current.isEmpty()) {
            emit();
        }
    }

    /** Chunks handed on so far. */
    int chunks() {
        return chunks;
    }

    private void emit() {
        sink.accept(new Chunk(chunks, firstRow, List.copyOf(current)));
        chunks++;
        firstRow += current.size();
        current = new ArrayList<>();
        bytes = 0;
    }
}

package org.opencrm.infra.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Where a stream mapping remembers, per shard, the last sequence number its function finished, so a
 * restart on file-backed data does not replay history. In-memory data starts empty every time, so
 * it needs no checkpoints ({@link #none()}).
 */
public final class CheckpointStore {

    private final Optional<Path> directory;

    private CheckpointStore(Optional<Path> directory) {
        this.directory = directory;
    }

    public static CheckpointStore in(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
        return new CheckpointStore(Optional.of(directory));
    }

    public static CheckpointStore none() {
        return new CheckpointStore(Optional.empty());
    }

    public Optional<String> load(String shardId) {
        Optional<Path> file = directory.map(dir -> dir.resolve(shardId));
        if (file.isEmpty() || !Files.exists(file.get())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file.get(), StandardCharsets.UTF_8).trim())
                    .filter(s -> !s.isEmpty());
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    public void save(String shardId, String sequenceNumber) {
        if (directory.isEmpty()) {
            return;
        }
        try {
            Path temporary = directory.get().resolve(shardId + ".tmp");
            Files.writeString(temporary, sequenceNumber, StandardCharsets.UTF_8);
            // A crash mid-write must leave the previous checkpoint, never half a number.
            Files.move(
                    temporary,
                    directory.get().resolve(shardId),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }
}

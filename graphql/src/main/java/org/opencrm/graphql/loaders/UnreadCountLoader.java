package org.opencrm.graphql.loaders;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dataloader.MappedBatchLoader;
import org.opencrm.core.notify.Inbox;
import org.opencrm.core.notify.UnreadCount;

/**
 * The caller's badge, read once per request however many of its fields ({@code unreadCount}, {@code
 * unreadCountCapped}) the query asks for.
 */
public final class UnreadCountLoader implements MappedBatchLoader<String, UnreadCount> {

    public static final String NAME = "unreadCount";

    private final Inbox inbox;

    public UnreadCountLoader(Inbox inbox) {
        this.inbox = inbox;
    }

    @Override
    public CompletionStage<Map<String, UnreadCount>> load(Set<String> recipientIds) {
        // a request has one caller, so this is one query; on the request's own thread
        return CompletableFuture.completedFuture(
                recipientIds.stream()
                        .collect(Collectors.toMap(Function.identity(), inbox::unreadCount)));
    }
}

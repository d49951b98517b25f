package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.search.SearchIndexer;
import org.opencrm.core.time.AppClock;

/** Customers, leads, deals and users streams → their search tokens (issue 15). */
public class SearchIndexStreamHandler
        implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private final SearchIndexer indexer;

    public SearchIndexStreamHandler() {
        this(Services.from(RuntimeEnvironment.current(), AppClock.SHARED).core().searchIndexer());
    }

    SearchIndexStreamHandler(SearchIndexer indexer) {
        this.indexer = indexer;
        Priming.withEmptyEvent(this, DynamodbEvent::new);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return StreamBatch.process("SearchIndexStream", event, context, indexer::onRecord);
    }
}

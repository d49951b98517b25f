package org.opencrm.graphql;

import graphql.schema.DataFetchingEnvironment;
import org.opencrm.core.access.Caller;

/** What a data fetcher may know about the request: the verified caller. */
public final class RequestContext {

    private RequestContext() {}

    public static Caller caller(DataFetchingEnvironment environment) {
        return environment.getGraphQlContext().get(Caller.class);
    }
}

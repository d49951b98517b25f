package org.opencrm.infra;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one JSON mapper of the local cloud. */
public final class Json {

    /** Leaves out nulls and empty collections: the Lambda event beans are mostly unset fields. */
    public static final ObjectMapper MAPPER =
            new ObjectMapper()
                    .setSerializationInclusion(JsonInclude.Include.NON_EMPTY)
                    .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {}
}

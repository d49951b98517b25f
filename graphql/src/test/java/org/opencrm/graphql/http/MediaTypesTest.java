package org.opencrm.graphql.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencrm.graphql.http.MediaTypes.ResponseType;

class MediaTypesTest {

    private static Optional<ResponseType> negotiate(String accept) {
        return MediaTypes.negotiate(accept);
    }

    @Test
    void noAcceptOrAnyType_isJson() {
        assertEquals(Optional.of(ResponseType.JSON), negotiate(null));
        assertEquals(Optional.of(ResponseType.JSON), negotiate(""));
        assertEquals(Optional.of(ResponseType.JSON), negotiate("*/*"));
        assertEquals(Optional.of(ResponseType.JSON), negotiate("application/*"));
        // axios' default
        assertEquals(
                Optional.of(ResponseType.JSON), negotiate("application/json, text/plain, */*"));
    }

    @Test
    void graphqlResponseJson_whenAskedFor_orPreferred_orTiedExactly() {
        assertEquals(
                Optional.of(ResponseType.GRAPHQL_RESPONSE),
                negotiate("application/graphql-response+json"));
        assertEquals(
                Optional.of(ResponseType.GRAPHQL_RESPONSE),
                negotiate("application/graphql-response+json, application/json;q=0.9"));
        assertEquals(
                Optional.of(ResponseType.GRAPHQL_RESPONSE),
                negotiate("application/json, application/graphql-response+json"));
        assertEquals(
                Optional.of(ResponseType.GRAPHQL_RESPONSE),
                negotiate("APPLICATION/GRAPHQL-RESPONSE+JSON; charset=utf-8, */*;q=0.1"));
        // GraphiQL 2's fetcher
        assertEquals(
                Optional.of(ResponseType.JSON), negotiate("application/json, multipart/mixed"));
    }

    @Test
    void theMostSpecificRangeDecides_andQZeroExcludes() {
        assertEquals(
                Optional.of(ResponseType.JSON),
                negotiate("application/graphql-response+json;q=0, */*"));
        assertEquals(
                Optional.of(ResponseType.GRAPHQL_RESPONSE),
                negotiate("application/json;q=0, application/*"));
        assertEquals(Optional.empty(), negotiate("application/json;q=0"));
    }

    @Test
    void neitherType_isEmpty() {
        assertEquals(Optional.empty(), negotiate("text/html"));
        assertEquals(Optional.empty(), negotiate("text/*, image/png"));
        assertEquals(Optional.empty(), negotiate("application/xml"));
        assertEquals(Optional.empty(), negotiate("application/json;q=x"));
    }

    @Test
    void onlyJsonInUtf8_isReadable() {
        assertTrue(MediaTypes.readable("application/json"));
        assertTrue(MediaTypes.readable("Application/JSON; charset=UTF-8"));
        assertTrue(MediaTypes.readable("application/json;charset=\"utf-8\""));
        assertFalse(MediaTypes.readable(null));
        assertFalse(MediaTypes.readable(""));
        assertFalse(MediaTypes.readable("application/json; charset=iso-8859-1"));
        assertFalse(MediaTypes.readable("application/x-www-form-urlencoded"));
        assertFalse(MediaTypes.readable("text/plain"));
        assertFalse(MediaTypes.readable("multipart/form-data; boundary=x"));
        assertFalse(MediaTypes.readable("application/graphql"));
        assertFalse(MediaTypes.readable("application/jsonp"));
    }
}

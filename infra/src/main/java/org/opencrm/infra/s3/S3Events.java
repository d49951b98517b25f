package org.opencrm.infra.s3;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.RequestParametersEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.ResponseElementsEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3BucketEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.UserIdentityEntity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.opencrm.infra.aws.LocalAws;
import org.opencrm.template.S3Source;

/** The {@code S3Event} S3 sends a function for one created object: one record, as S3 does. */
public final class S3Events {

    private static final String EVENT_VERSION = "2.1";
    private static final String SCHEMA_VERSION = "1.0";
    private static final String LOCAL_PRINCIPAL = "AWS:" + LocalAws.ACCESS_KEY_ID;

    private S3Events() {}

    /**
     * The key as S3 writes it into an event: form-URL-encoded (a space as {@code +}), the slashes
     * between "folders" left as they are.
     */
    static String eventKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    /**
     * The notification of one object for one event source.
     *
     * @param created the object
     * @param source the function's S3 event; its id is the notification's configuration id
     * @param time when the object was stored
     */
    public static S3Event of(ObjectCreated created, S3Source source, Instant time) {
        UserIdentityEntity principal = new UserIdentityEntity(LOCAL_PRINCIPAL);
        S3Entity s3 =
                new S3Entity(
                        source.eventId(),
                        new S3BucketEntity(
                                created.bucket(), principal, "arn:aws:s3:::" + created.bucket()),
                        new S3ObjectEntity(
                                eventKey(created.key()),
                                created.size(),
                                created.eTag(),
                                null,
                                created.sequencer()),
                        SCHEMA_VERSION);
        S3EventNotificationRecord record =
                new S3EventNotificationRecord(
                        LocalAws.REGION,
                        created.eventName(),
                        "aws:s3",
                        time.toString(),
                        EVENT_VERSION,
                        new RequestParametersEntity("127.0.0.1"),
                        new ResponseElementsEntity("local", "local"),
                        s3,
                        principal);
        return new S3Event(List.of(record));
    }
}

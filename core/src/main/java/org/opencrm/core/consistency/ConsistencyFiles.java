package org.opencrm.core.consistency;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.S3Clients;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Report CSVs in the files bucket, beside uploads but outside {@code uploads/} (so writing one
 * starts nothing), downloaded through a short presigned GET like attachments.
 */
public final class ConsistencyFiles implements ConsistencyDiff.CsvFiles {

    static final Duration DOWNLOAD_URL_LIFETIME = Duration.ofMinutes(5);

    private final Supplier<S3Clients> s3;

    public ConsistencyFiles(Supplier<S3Clients> s3) {
        this.s3 = s3;
    }

    @Override
    public void put(String reportId, Path csv) {
        S3Clients clients = s3.get();
        clients.client()
                .putObject(
                        put ->
                                put.bucket(clients.bucket())
                                        .key(Keys.consistencyCsvObject(reportId))
                                        .contentType("text/csv; charset=utf-8"),
                        RequestBody.fromFile(csv));
    }

    /** A GET URL valid {@link #DOWNLOAD_URL_LIFETIME}, signed anew each time it is asked for. */
    public String downloadUrl(String reportId) {
        S3Clients clients = s3.get();
        return clients.presigner()
                .presignGetObject(
                        presign ->
                                presign.signatureDuration(DOWNLOAD_URL_LIFETIME)
                                        .getObjectRequest(
                                                get ->
                                                        get.bucket(clients.bucket())
                                                                .key(
                                                                        Keys.consistencyCsvObject(
                                                                                reportId))
                                                                .responseContentDisposition(
                                                                        "attachment; filename=consistency-"
                                                                                + reportId
                                                                                + ".csv")))
                .url()
                .toString();
    }
}

package org.opencrm.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.intake.LeadImport;
import org.opencrm.core.intake.LeadImportRequest;
import org.opencrm.core.store.Keys;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestOrg;

/**
 * A LEAD_IMPORT upload seen as its import before and after its object arrives, over the real
 * embedded engine. Reading the object itself needs the bucket: the local cloud's end-to-end test
 * covers that path.
 */
class ImportArrivalsTest {

    private static final Charset GBK = Charset.forName("GBK");

    private final CoreServices services = LocalDynamo.shared().services(Clock.systemUTC());
    private final UploadStore store =
            new UploadStore(LocalDynamo.shared().client(), LocalDynamo.shared().tables());
    private final String region = "r-" + UUID.randomUUID();
    private final String team = TestOrg.uniqueTeam();

    private PendingUpload declaredImport(Caller uploader, long size, String sha256) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        PendingUpload upload =
                new PendingUpload(
                        id,
                        UploadRequest.builder()
                                .purpose(UploadPurpose.LEAD_IMPORT)
                                .fileName("leads.csv")
                                .contentType("text/csv")
                                .size(size)
                                .sha256(sha256)
                                .channel("csv")
                                .build(),
                        Keys.uploadObject(UploadPurpose.LEAD_IMPORT.name(), id),
                        null,
                        uploader.userId(),
                        now,
                        now.plusSeconds(600),
                        PendingUpload.PENDING);
        store.create(upload);
        return upload;
    }

    @Test
    void leadImportOfTheUploadId_isWaitingForFile_forTheUploader_untilTheObjectArrives() {
        // GIVEN a rep who declared a LEAD_IMPORT upload, and another rep
        Caller uploader = TestOrg.member(services, Role.SALES_REP, region, team);
        Caller other = TestOrg.member(services, Role.SALES_REP, region, team);
        PendingUpload upload = declaredImport(uploader, 2_000_000, null);

        // WHEN each asks for the import by the upload's id before any object arrived
        LeadImport waiting = services.imports().get(upload.id(), uploader);

        // THEN the uploader sees it waiting, with nothing counted; the other rep does not see it
        assertEquals(LeadImport.ImportStatus.WAITING_FOR_FILE, waiting.status());
        assertEquals(0, waiting.total());
        assertEquals(0, waiting.processed());
        assertEquals("csv", waiting.channel());
        assertNull(waiting.failure());
        assertThrows(NotFoundException.class, () -> services.imports().get(upload.id(), other));
    }

    @Test
    void anAttachmentUploadId_isNotAnImport() {
        Caller uploader = TestOrg.member(services, Role.ADMIN, null, null);
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        store.create(
                new PendingUpload(
                        id,
                        UploadRequest.builder()
                                .purpose(UploadPurpose.ATTACHMENT)
                                .fileName("a.pdf")
                                .contentType("application/pdf")
                                .size(10)
                                .entityId("c-1")
                                .kind("OTHER")
                                .build(),
                        Keys.uploadObject(UploadPurpose.ATTACHMENT.name(), id),
                        "Customer",
                        uploader.userId(),
                        now,
                        now.plusSeconds(600),
                        PendingUpload.PENDING));

        assertThrows(NotFoundException.class, () -> services.imports().get(id, uploader));
    }

    @Test
    void anObjectOfAnotherSize_makesTheImportFailed_namingTheDeclaredSize() {
        // GIVEN a declared import of 1,000 bytes
        Caller uploader = TestOrg.member(services, Role.SALES_REP, region, team);
        PendingUpload upload = declaredImport(uploader, 1_000, null);

        // WHEN an object of 999 bytes arrives
        ArrivalOutcome outcome =
                services.uploadArrivals()
                        .arrived(new StoredObject(upload.objectKey(), 999, "etag-1"));

        // THEN it is refused, and the import reads FAILED with the size rule
        assertEquals(ArrivalOutcome.REFUSED, outcome);
        LeadImport failed = services.imports().get(upload.id(), uploader);
        assertEquals(LeadImport.ImportStatus.FAILED, failed.status());
        assertEquals("size", failed.failure().field());
        assertEquals("declaredSize", failed.failure().rule());
    }

    @Test
    void
            anUploaderSuspendedBeforeTheObjectArrived_getsAFailedImport_andARedeliveryChangesNothing() {
        // GIVEN a rep who declared an import and was then suspended
        Caller uploader = TestOrg.member(services, Role.SALES_REP, region, team);
        PendingUpload upload = declaredImport(uploader, 1_000, null);
        Caller admin = TestOrg.member(services, Role.ADMIN, null, null);
        services.users().suspend(uploader.userId(), "left the company", admin);
        StoredObject object = new StoredObject(upload.objectKey(), 1_000, "etag-1");

        // WHEN the object arrives, and its event is delivered again
        ArrivalOutcome first = services.uploadArrivals().arrived(object);
        ArrivalOutcome again = services.uploadArrivals().arrived(object);

        // THEN the import is FAILED naming why, once; the object was never read
        assertEquals(ArrivalOutcome.REFUSED, first);
        assertEquals(ArrivalOutcome.ALREADY_HANDLED, again);
        LeadImport failed = services.imports().get(upload.id(), admin);
        assertEquals(LeadImport.ImportStatus.FAILED, failed.status());
        assertEquals(ImportArrivals.UPLOADER_FIELD, failed.failure().field());
        assertEquals(ImportArrivals.UPLOADER_RULE, failed.failure().rule());
        assertEquals(uploader.userId(), failed.createdBy());
    }

    @Test
    void aFileWhoseSha256IsNotTheDeclaredOne_isAFailedImport_namingTheChecksum() throws Exception {
        // GIVEN a GBK file and a checksum declared for other bytes
        Caller uploader = TestOrg.member(services, Role.ADMIN, null, null);
        byte[] file = "姓名,手机\n张三,13812345678\n".getBytes(GBK);
        String otherSha256 = sha256("other bytes".getBytes(GBK));

        // WHEN it is imported through the checking stream
        LeadImport job = services.imports().startFromStream(checked(uploader, file, otherSha256));

        // THEN the import is FAILED with field sha256, rule declaredSha256
        assertEquals(LeadImport.ImportStatus.FAILED, job.status());
        assertEquals("sha256", job.failure().field());
        assertEquals("declaredSha256", job.failure().rule());
        assertEquals(0, job.total());
    }

    @Test
    void aFileWithItsDeclaredSha256_isImported() throws Exception {
        Caller uploader = TestOrg.member(services, Role.ADMIN, null, null);
        byte[] file = "姓名,手机\n张三,13812345678\n李四,13912345678\n".getBytes(GBK);

        LeadImport job = services.imports().startFromStream(checked(uploader, file, sha256(file)));

        assertEquals(LeadImport.ImportStatus.RUNNING, job.status());
        assertEquals(2, job.total());
    }

    /** An import of the bytes read through the checking stream, as the bucket's object is. */
    private static LeadImportRequest checked(Caller uploader, byte[] file, String declaredSha256) {
        return LeadImportRequest.builder()
                .importId(UUID.randomUUID().toString())
                .channel("csv")
                .uploader(uploader)
                .source(
                        () ->
                                new Sha256CheckedStream(
                                        new ByteArrayInputStream(file), declaredSha256))
                .build();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

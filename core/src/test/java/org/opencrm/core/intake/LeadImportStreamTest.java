package org.opencrm.core.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadFilter;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestCallers;

class LeadImportStreamTest {

    private static final Charset GBK = Charset.forName("GBK");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final CoreServices services = LocalDynamo.shared().services(Clock.systemUTC());
    private final Caller uploader = TestCallers.of(Role.ADMIN, null, null);

    @Test
    void gbkGb18030AndUtf8WithAndWithoutBom_giveTheSameLead() {
        assertImportsZhangSan(GBK, new byte[0]);
        assertImportsZhangSan(CsvCharsets.GB18030, new byte[0]);
        assertImportsZhangSan(StandardCharsets.UTF_8, UTF8_BOM);
        assertImportsZhangSan(StandardCharsets.UTF_8, new byte[0]);
    }

    @Test
    void aPdfAZipAndUtf16_areFailedImports_withTheirReasonReadableById() {
        // GIVEN three files that are not CSV text we read
        byte[] pdf = "%PDF-1.7\n1 0 obj\n".getBytes(StandardCharsets.US_ASCII);
        byte[] xlsx = {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0};
        byte[] utf16 = "姓名,mobile\n张三,13812345678\n".getBytes(StandardCharsets.UTF_16);

        // WHEN each is started from a stream
        LeadImport fromPdf = startFrom(pdf);
        LeadImport fromXlsx = startFrom(xlsx);
        LeadImport fromUtf16 = startFrom(utf16);

        // THEN each is a FAILED import naming its rule, read back by id, with nothing queued
        LeadImport readBack = services.imports().get(fromPdf.id(), uploader);
        assertEquals(LeadImport.ImportStatus.FAILED, readBack.status());
        assertEquals("notCsv", readBack.failure().rule());
        assertEquals(CsvRefusal.PDF.reason(), readBack.failure().message());
        assertEquals("file", readBack.failure().field());
        assertEquals(0, readBack.chunks());
        assertEquals(
                CsvRefusal.ZIP.reason(),
                services.imports().get(fromXlsx.id(), uploader).failure().message());
        LeadImport utf16Import = services.imports().get(fromUtf16.id(), uploader);
        assertEquals("charset", utf16Import.failure().rule());
        assertEquals(LeadImport.ImportStatus.FAILED, utf16Import.status());
    }

    @Test
    void aFileOverTheRowLimit_isAFailedImport_namingTheLimit_withNothingQueued() {
        // GIVEN a generated file one row over the limit
        LeadImportRequest request =
                request(() -> new GeneratedCsv(LeadImportService.MAX_ROWS + 1, GBK));

        // WHEN it is started
        LeadImport started = services.imports().startFromStream(request);

        // THEN it failed on maxRows, naming the limit and the real count
        LeadImport job = services.imports().get(started.id(), uploader);
        assertEquals(LeadImport.ImportStatus.FAILED, job.status());
        assertEquals("maxRows", job.failure().rule());
        assertEquals((long) LeadImportService.MAX_ROWS, job.failure().limit());
        assertEquals(
                "at most 100000 data rows, got 100001", job.failure().message(), "the message");
        assertEquals(0, job.chunks());
    }

    @Test
    void hundredThousandGbkRows_streamIntoChunks_withTheExactTotal() {
        // GIVEN a 100,000-row GBK file made up as it is read
        AtomicInteger opened = new AtomicInteger();
        LeadImportRequest request =
                request(
                        () -> {
                            opened.incrementAndGet();
                            return new GeneratedCsv(LeadImportService.MAX_ROWS, GBK);
                        });

        // WHEN it is started from the stream
        LeadImport started = services.imports().startFromStream(request);

        // THEN the job knows every row, in 200 chunks of 500, read twice (check, then queue)
        LeadImport job = services.imports().get(started.id(), uploader);
        assertEquals(LeadImport.ImportStatus.RUNNING, job.status());
        assertEquals(100_000, job.total());
        assertEquals(200, job.chunks());
        assertEquals(2, opened.get());
        // AND the last chunk holds the file's last 500 rows: processed, they are all counted
        services.imports().processChunk(LeadImportService.chunkId(started.id(), 199));
        LeadImport afterLast = services.imports().get(started.id(), uploader);
        assertEquals(500, afterLast.processed());
        assertEquals(1, afterLast.chunksDone());
    }

    @Test
    void startedAgainWithTheSameId_afterItFinished_returnsTheJob_withoutReadingTheFile() {
        // GIVEN an import started once and finished
        AtomicInteger opened = new AtomicInteger();
        LeadImportRequest request =
                request(
                        () -> {
                            opened.incrementAndGet();
                            return new GeneratedCsv(3, GBK);
                        });
        LeadImport first = services.imports().startFromStream(request);
        services.imports().processChunk(LeadImportService.chunkId(first.id(), 0));

        // WHEN the same upload starts it again (a redelivered event)
        LeadImport again = services.imports().startFromStream(request);

        // THEN the same finished job, the file read only by the first start
        assertEquals(first.id(), again.id());
        assertEquals(LeadImport.ImportStatus.DONE, again.status());
        assertEquals(3, again.total());
        assertEquals(2, opened.get());
    }

    @Test
    void aStartThatDiedWhileQueueing_isCompletedByTheNextStart_countingEveryRowOnce() {
        // GIVEN a 1,200-row import (3 chunks) whose storage failed two thirds into the queueing
        // read, after its first chunk was already processed
        AtomicInteger opened = new AtomicInteger();
        CsvSource failingOnSecondRead =
                () ->
                        opened.incrementAndGet() == 2
                                ? failingAfter(new GeneratedCsv(1_200, GBK), 25_000)
                                : new GeneratedCsv(1_200, GBK);
        LeadImportRequest request = request(failingOnSecondRead);
        assertThrows(UncheckedIOException.class, () -> services.imports().startFromStream(request));
        services.imports().processChunk(LeadImportService.chunkId(request.importId(), 0));

        // WHEN the upload event is delivered again
        LeadImport resumed = services.imports().startFromStream(request);
        for (int chunk = 0; chunk < 3; chunk++) {
            services.imports().processChunk(LeadImportService.chunkId(resumed.id(), chunk));
        }

        // THEN every row is counted exactly once and the import is done
        LeadImport done = services.imports().get(resumed.id(), uploader);
        assertEquals(LeadImport.ImportStatus.DONE, done.status());
        assertEquals(1_200, done.total());
        assertEquals(3, done.chunksDone());
        assertEquals(1_200, done.processed());
        assertEquals(1_200, done.accepted() + done.merged() + done.quarantined());
    }

    @Test
    void aFileThatChangedBeforeTheNextStart_turnsTheRunningImportFailed() {
        // GIVEN an import whose first start died while queueing 1,200 rows
        AtomicInteger opened = new AtomicInteger();
        String id = UUID.randomUUID().toString();
        CsvSource original =
                () ->
                        opened.incrementAndGet() == 2
                                ? failingAfter(new GeneratedCsv(1_200, GBK), 25_000)
                                : new GeneratedCsv(1_200, GBK);
        assertThrows(
                UncheckedIOException.class,
                () -> services.imports().startFromStream(request(id, original)));

        // WHEN it is started again but the file now has 900 rows
        LeadImport restarted =
                services.imports().startFromStream(request(id, () -> new GeneratedCsv(900, GBK)));

        // THEN the import is FAILED on the unchanged rule, saying both counts
        assertEquals(LeadImport.ImportStatus.FAILED, restarted.status());
        assertEquals("unchanged", restarted.failure().rule());
        assertEquals(
                "changed since its import started: 1200 rows then, 900 now; upload it again",
                restarted.failure().message());
        assertEquals(1_200, restarted.total());
    }

    @Test
    void aFileWhoseFirst64KbAreAscii_andLaterRowsGbk_isReadAsGbk() {
        // GIVEN a file whose first 64 KB are plain ASCII (evidence of no charset), then a GBK row
        String mobile = TestCallers.uniqueMobile();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("name,mobile\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; file.size() < CsvCharsets.PREFIX_BYTES + 100; i++) {
            file.writeBytes(("row" + i + ",\n").getBytes(StandardCharsets.US_ASCII));
        }
        file.writeBytes(("张三," + mobile + "\n").getBytes(GBK));

        // WHEN it is started and its last chunk processed
        LeadImport started = startFrom(file.toByteArray());
        services.imports()
                .processChunk(LeadImportService.chunkId(started.id(), started.chunks() - 1));

        // THEN the GBK row was read right: the lead has its Chinese name
        assertEquals(LeadImport.ImportStatus.RUNNING, started.status());
        assertEquals("张三", leadWithPhone("+86" + mobile, started).fields().name());
    }

    @Test
    void aUtf8FileWithGbkBytesLater_isAFailedImport_onCharset() {
        // GIVEN a file whose first 64 KB are UTF-8 Chinese, and a later row GBK
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("姓名,mobile\n".getBytes(StandardCharsets.UTF_8));
        while (file.size() < CsvCharsets.PREFIX_BYTES + 100) {
            file.writeBytes("张三,\n".getBytes(StandardCharsets.UTF_8));
        }
        file.writeBytes("李四,13812345679\n".getBytes(GBK));

        // WHEN it is started
        LeadImport started = startFrom(file.toByteArray());

        // THEN it failed on the charset rule, with nothing queued
        assertEquals(LeadImport.ImportStatus.FAILED, started.status());
        assertEquals("charset", started.failure().rule());
        assertEquals(0, started.chunks());
    }

    @Test
    void inlineStart_refusesMoreThanOneMegabyte_namingTheLimitAndTheUploadPath() {
        StringBuilder csv = new StringBuilder("name,mobile\n");
        while (csv.length() <= LeadImportService.MAX_INLINE_BYTES) {
            csv.append("Zhang San,13812345678\n");
        }

        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () -> services.imports().start("csv", csv.toString(), uploader));

        assertEquals("csv", refused.problems().get(0).field());
        assertEquals("maxBytes", refused.problems().get(0).rule());
        assertEquals(1_048_576, refused.problems().get(0).limit());
        assertEquals(true, refused.problems().get(0).message().contains("createUpload"));
    }

    private void assertImportsZhangSan(Charset charset, byte[] bom) {
        // GIVEN a one-row file in this charset
        String mobile = TestCallers.uniqueMobile();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(bom);
        file.writeBytes(("姓名,mobile,城市\n张三," + mobile + ",北京\n").getBytes(charset));

        // WHEN it is streamed and its chunk processed
        LeadImport started = startFrom(file.toByteArray());
        services.imports().processChunk(LeadImportService.chunkId(started.id(), 0));

        // THEN the lead has the Chinese name, read right
        LeadImport done = services.imports().get(started.id(), uploader);
        assertEquals(LeadImport.ImportStatus.DONE, done.status(), charset + " import");
        assertNull(done.failure());
        assertEquals(1, done.accepted(), charset + " accepted");
        Lead lead = leadWithPhone("+86" + mobile, started);
        assertEquals("张三", lead.fields().name(), charset + " name");
    }

    private LeadImport startFrom(byte[] bytes) {
        return services.imports().startFromStream(request(() -> new ByteArrayInputStream(bytes)));
    }

    private LeadImportRequest request(CsvSource source) {
        return request(UUID.randomUUID().toString(), source);
    }

    /** A stream that fails as storage does, after {@code bytes} bytes. */
    private static InputStream failingAfter(InputStream in, int bytes) {
        return new FilterInputStream(in) {
            private int read;

            @Override
            public int read(byte[] into, int offset, int length) throws IOException {
                if (read >= bytes) {
                    throw new IOException("connection reset (test)");
                }
                int count = super.read(into, offset, Math.min(length, bytes - read));
                read += Math.max(0, count);
                return count;
            }
        };
    }

    private LeadImportRequest request(String importId, CsvSource source) {
        return LeadImportRequest.builder()
                .importId(importId)
                .channel("csv")
                .uploader(uploader)
                .source(source)
                .build();
    }

    private Lead leadWithPhone(String phone, LeadImport started) {
        LeadFilter sinceTheImport =
                LeadFilter.builder().channel("csv").from(started.createdAt()).build();
        String after = null;
        while (true) {
            Page<Lead> page =
                    services.leads().list(sinceTheImport, PageRequest.of(100, after), uploader);
            for (Page.Entry<Lead> entry : page.entries()) {
                if (phone.equals(entry.item().fields().phone())) {
                    return entry.item();
                }
            }
            if (!page.hasNextPage()) {
                throw new AssertionError("no lead with phone " + phone);
            }
            after = page.endCursor();
        }
    }
}

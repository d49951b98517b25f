package org.opencrm.core.intake;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.Charset;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Role;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestCallers;

/**
 * Starts a streamed import of a generated GBK file of N wide rows (default 100,000) against
 * embedded DynamoDB Local and prints the file's size, the time to check and queue it, and the
 * heap's peak during the start. Not a test: run with a small -Xmx to see that the file is never
 * held whole.
 */
public final class StreamedImportBench {

    private StreamedImportBench() {}

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : LeadImportService.MAX_ROWS;
        CoreServices services = LocalDynamo.shared().services(Clock.systemUTC());
        AtomicLong bytesRead = new AtomicLong();
        Charset gbk = Charset.forName("GBK");
        LeadImportRequest request =
                LeadImportRequest.builder()
                        .importId(UUID.randomUUID().toString())
                        .channel("csv")
                        .uploader(TestCallers.of(Role.ADMIN, null, null))
                        .source(() -> counted(new GeneratedCsv(rows, gbk, true), bytesRead))
                        .build();
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long baseline = heapUsed();
        long started = System.nanoTime();
        LeadImport job = services.imports().startFromStream(request);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "rows=%d chunks=%d status=%s file=%.1f MB (read twice) start=%.2f s"
                        + " (%.0f rows/s) heapBefore=%.1f MB heapPeak=%.1f MB maxHeap=%.0f MB%n",
                job.total(),
                job.chunks(),
                job.status(),
                bytesRead.get() / 2e6,
                seconds,
                job.total() / seconds,
                baseline / 1e6,
                heapPeak() / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6);
        System.exit(0);
    }

    private static InputStream counted(InputStream in, AtomicLong bytes) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] into, int offset, int length) throws IOException {
                int count = super.read(into, offset, length);
                bytes.addAndGet(Math.max(0, count));
                return count;
            }
        };
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Sum of the heap pools' peaks since the reset (an upper bound: pools peak at different times).
     */
    private static long heapPeak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
    }
}

package org.opencrm.core.intake;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Locale;

/**
 * A lead CSV of {@code rows} data rows made up line by line as it is read, so a test can stream a
 * file of any size without a String or byte array of the whole of it. Narrow rows are about 27
 * bytes in GBK; wide ones (company, email, notes too) about 130, like a real export: 100,000 wide
 * rows make a 13 MB file.
 */
final class GeneratedCsv extends InputStream {

    private final int rows;
    private final Charset charset;
    private final boolean wide;
    private byte[] line;
    private int position;
    private int written = -1;

    GeneratedCsv(int rows, Charset charset) {
        this(rows, charset, false);
    }

    GeneratedCsv(int rows, Charset charset, boolean wide) {
        this.rows = rows;
        this.charset = charset;
        this.wide = wide;
        this.line = (wide ? "姓名,mobile,城市,公司,email,备注\n" : "姓名,mobile,城市\n").getBytes(charset);
    }

    @Override
    public int read() {
        if (!refill()) {
            return -1;
        }
        return line[position++] & 0xFF;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (!refill()) {
            return -1;
        }
        int count = Math.min(length, line.length - position);
        System.arraycopy(line, position, into, offset, count);
        position += count;
        return count;
    }

    private boolean refill() {
        while (position == line.length) {
            written++;
            if (written >= rows) {
                return false;
            }
            line = (wide ? wideRow(written + 1) : row(written + 1)).getBytes(charset);
            position = 0;
        }
        return true;
    }

    private static String row(int number) {
        return String.format(Locale.ROOT, "客户%d,139%08d,北京\n", number, number);
    }

    private static String wideRow(int number) {
        return String.format(
                Locale.ROOT,
                "客户%d,139%08d,北京,北京星河科技有限公司第%d分公司,lead%d@example.com," + "春季展会线索请尽快联系并确认预算与决策人\n",
                number,
                number,
                number,
                number);
    }
}

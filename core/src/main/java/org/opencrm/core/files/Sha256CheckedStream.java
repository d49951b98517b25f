package org.opencrm.core.files;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

/**
 * Digests the bytes as they are read and, at the end of the stream, refuses a file whose SHA-256 is
 * not the one its uploader declared: the check costs no read of its own, and the file is never held
 * whole. A reader that stops early (a file refused for another reason) checks nothing.
 */
final class Sha256CheckedStream extends FilterInputStream {

    static final String FIELD = "sha256";
    static final String RULE = "declaredSha256";

    private final String declared;
    private final MessageDigest digest;
    private boolean checked;

    Sha256CheckedStream(InputStream in, String declared) {
        super(in);
        this.declared = declared;
        this.digest = sha256();
    }

    @Override
    public int read() throws IOException {
        int next = super.read();
        if (next < 0) {
            checkAtEnd();
        } else {
            digest.update((byte) next);
        }
        return next;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int count = super.read(buffer, offset, length);
        if (count < 0) {
            checkAtEnd();
        } else {
            digest.update(buffer, offset, count);
        }
        return count;
    }

    @Override
    public long skip(long count) throws IOException {
        // every byte must pass through the digest, so skipping reads
        long skipped = 0;
        byte[] buffer = new byte[8192];
        while (skipped < count) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, count - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void checkAtEnd() {
        if (checked) {
            return;
        }
        checked = true;
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(declared)) {
            throw new ValidationException(mismatch(declared, actual));
        }
    }

    static FieldProblem mismatch(String declared, String actual) {
        return new FieldProblem(
                FIELD,
                RULE,
                "the file's SHA-256 is " + actual + ", not the declared " + declared,
                declared);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException everyJvmHasIt) {
            throw new IllegalStateException(everyJvmHasIt);
        }
    }
}

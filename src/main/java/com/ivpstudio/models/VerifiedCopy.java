package com.ivpstudio.models;

import com.ivpstudio.inference.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * Writes one listed file from a stream, checking it while writing: never more than its declared size (a bomb
 * stops there, not at the end), within the bundle's total budget, and with the declared sha256 at the end. A file
 * that fails is refused; the caller deletes the folder it was written to.
 */
final class VerifiedCopy {

    /** The bytes a whole bundle may still write. */
    static final class Budget {

        private final long limit;
        private long used;

        Budget(long limit) {
            this.limit = limit;
        }

        void spend(long n) {
            used += n;
            if (used > limit) {
                throw new BundleRefusedException(RefusalReason.OVER_BUDGET, "The bundle unpacks to more than "
                        + ZipLimits.megabytes(limit) + ", the limit for this bundle. Nothing was stored.");
            }
        }

        long used() {
            return used;
        }
    }

    private VerifiedCopy() {
    }

    static void copy(InputStream in, Path out, ListedFile file, Budget budget) throws IOException {
        MessageDigest sha = Hashing.sha256Digest();
        byte[] buffer = new byte[64 * 1024];
        long written = 0;
        try (OutputStream o = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW)) {
            while (true) {
                // Never read past one byte more than declared: that byte already proves the size is wrong.
                int want = (int) Math.min(buffer.length, file.size() - written + 1);
                int n = in.read(buffer, 0, want);
                if (n < 0) {
                    break;
                }
                if (written + n > file.size()) {
                    throw BundleRefusedException.refused(RefusalReason.SIZE_MISMATCH, "size mismatch: " + file.path()
                            + " is larger than the " + file.size() + " bytes its manifest entry declares");
                }
                budget.spend(n);
                sha.update(buffer, 0, n);
                o.write(buffer, 0, n);
                written += n;
            }
        }
        if (written != file.size()) {
            throw BundleRefusedException.refused(RefusalReason.SIZE_MISMATCH, "size mismatch: " + file.path()
                    + " has " + written + " bytes, its manifest entry declares " + file.size());
        }
        if (!Hashing.hex(sha).equals(file.sha256())) {
            throw BundleRefusedException.refused(RefusalReason.SHA256_MISMATCH, "sha256 mismatch: " + file.path());
        }
    }
}

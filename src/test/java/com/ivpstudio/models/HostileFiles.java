package com.ivpstudio.models;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** What an attacker puts into a bundle: pickles, a torch.save archive, zip bombs. */
final class HostileFiles {

    /**
     * {@code pickle.dumps(Evil(), protocol=2)} where {@code Evil.__reduce__} returns {@code (os.system, ("echo
     * pwned",))}: loading it with Python runs the command. Never loaded here, only refused.
     */
    static final byte[] EVIL_PICKLE = ("\u0080\u0002cposix\nsystem\nq\u0000X\n\u0000\u0000\u0000echo pwnedq"
            + "\u0001\u0085q\u0002Rq\u0003.").getBytes(StandardCharsets.ISO_8859_1);

    /** {@code torch.save({"w": torch.zeros(2)}, f)} with torch 1.13: a zip with data.pkl and no TorchScript code/. */
    static final byte[] TORCH_SAVE_ARCHIVE = Base64.getDecoder().decode(
            "UEsDBAAACAgAAAAAAAAAAAAAAAAAAAAAAAAQABIAYXJjaGl2ZS9kYXRhLnBrbEZCDgBaWlpaWlpaWlpaWlpaWoACfXEAWAEAAAB3cQFj"
            + "dG9yY2guX3V0aWxzCl9yZWJ1aWxkX3RlbnNvcl92MgpxAigoWAcAAABzdG9yYWdlcQNjdG9yY2gKRmxvYXRTdG9yYWdlCnEEWAEAAAAw"
            + "cQVYAwAAAGNwdXEGSwJ0cQdRSwBLAoVxCEsBhXEJiWNjb2xsZWN0aW9ucwpPcmRlcmVkRGljdApxCilScQt0cQxScQ1zLlBLBwg6uhGH"
            + "ogAAAKIAAABQSwMEAAAICAAAAAAAAAAAAAAAAAAAAAAAAA4AIgBhcmNoaXZlL2RhdGEvMEZCHgBaWlpaWlpaWlpaWlpaWlpaWlpaWlpa"
            + "WlpaWlpaWloAAAAAAAAAAFBLBwhp3yJlCAAAAAgAAABQSwMEAAAICAAAAAAAAAAAAAAAAAAAAAAAAA8AOwBhcmNoaXZlL3ZlcnNpb25G"
            + "QjcAWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWjMKUEsHCNGeZ1UCAAAAAgAAAFBL"
            + "AQIAAAAACAgAAAAAAAA6uhGHogAAAKIAAAAQAAAAAAAAAAAAAAAAAAAAAABhcmNoaXZlL2RhdGEucGtsUEsBAgAAAAAICAAAAAAAAGnf"
            + "ImUIAAAACAAAAA4AAAAAAAAAAAAAAAAA8gAAAGFyY2hpdmUvZGF0YS8wUEsBAgAAAAAICAAAAAAAANGeZ1UCAAAAAgAAAA8AAAAAAAAA"
            + "AAAAAAAAWAEAAGFyY2hpdmUvdmVyc2lvblBLBgYsAAAAAAAAAB4DLQAAAAAAAAAAAAMAAAAAAAAAAwAAAAAAAAC3AAAAAAAAANIBAAAA"
            + "AAAAUEsGBwAAAACJAgAAAAAAAAEAAABQSwUGAAAAAAMAAwC3AAAA0gEAAAAA");

    /** The start of {@code torch.save(..., _use_new_zipfile_serialization=False)}: the legacy pickled format. */
    static final byte[] LEGACY_TORCH_SAVE_HEAD = {(byte) 0x80, 0x02, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc,
            (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19, 0x2e, (byte) 0x80, 0x02, 0x4d,
            (byte) 0xe9, 0x03, 0x00, 0x00, 0x00};

    private HostileFiles() {
    }

    /**
     * The files plus one entry of {@code bytes} zeros, deflated while it is written (1 GB becomes about 1 MB): the
     * bomb itself is never held in memory or on disk.
     */
    static byte[] withZeros(Map<String, byte[]> files, String name, long bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (var e : files.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
            z.putNextEntry(new ZipEntry(name));
            byte[] chunk = new byte[1 << 16];
            for (long n = 0; n < bytes; n += chunk.length) {
                z.write(chunk, 0, (int) Math.min(chunk.length, bytes - n));
            }
            z.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The zip with the central directory record of {@code name} claiming {@code size} uncompressed bytes. */
    static byte[] declaringSize(byte[] zip, String name, long size) {
        byte[] patched = zip.clone();
        ByteBuffer b = ByteBuffer.wrap(patched).order(ByteOrder.LITTLE_ENDIAN);
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        boolean found = false;
        for (int p = 0; p + 46 + n.length <= patched.length; p++) {
            if (b.getInt(p) == 0x02014b50 && (b.getShort(p + 28) & 0xffff) == n.length
                    && new String(patched, p + 46, n.length, StandardCharsets.UTF_8).equals(name)) {
                b.putInt(p + 24, (int) size);
                found = true;
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no central directory record for " + name);
        }
        return patched;
    }
}

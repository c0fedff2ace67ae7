package com.ivpstudio.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Finds the files a bundle must not hold: Python pickles and {@code torch.save} archives, which run arbitrary code
 * when a Python tool loads them. TorchScript archives are allowed: they are zips with {@code <name>/code/},
 * {@code <name>/constants.pkl} and {@code <name>/data.pkl}, loaded by libtorch without Python. A torch.save archive
 * has {@code data.pkl} but no {@code code/}; a raw pickle (protocol 2 to 5, also the legacy torch.save format)
 * starts with the PROTO opcode 0x80 and its protocol. A file named {@code .pkl, .pickle, .pt, .pth} or
 * {@code .ckpt} must be TorchScript. (Protocol 0/1 pickles are plain text with no signature; the name rule covers
 * them.)
 */
final class PickleScreen {

    private static final Set<String> PICKLE_SUFFIXES = Set.of(".pkl", ".pickle", ".pt", ".pth", ".ckpt");
    private static final byte[] LEGACY_TORCH_MAGIC = {(byte) 0x80, 0x02, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc,
            (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19};
    private static final int STOP = '.';

    private enum ZipKind { TORCHSCRIPT, TORCH_SAVE, OTHER, NONE }

    private PickleScreen() {
    }

    /** Why {@code file} (listed as {@code path}) may not be in a bundle, or empty when it may. */
    static Optional<String> refusal(Path file, String path) throws IOException {
        byte[] head = head(file, LEGACY_TORCH_MAGIC.length);
        ZipKind zip = head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4
                ? zipKind(file) : ZipKind.NONE;
        if (zip == ZipKind.TORCHSCRIPT) {
            return Optional.empty();
        }
        if (zip == ZipKind.TORCH_SAVE) {
            return Optional.of(path + " is a torch.save archive (pickled Python objects, no TorchScript code/): "
                    + "export the module with torch.jit.script or torch.jit.trace and save it with torch.jit.save");
        }
        if (zip == ZipKind.NONE && isRawPickle(file, head)) {
            return Optional.of(path + " is a Python pickle (protocol " + head[1] + "), which can run any code "
                    + "when loaded: bundles hold TorchScript, JSON and raw .bin files only");
        }
        if (hasPickleName(path)) {
            return Optional.of(path + " is named like a pickle but is not a TorchScript archive: bundles hold "
                    + "TorchScript, JSON and raw .bin files only");
        }
        return Optional.empty();
    }

    static boolean hasPickleName(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        return PICKLE_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    /**
     * A PROTO opcode with protocol 2–5 and, as every pickle, a final STOP opcode — or the legacy torch.save magic,
     * whose tensor data follows the pickles. Requiring both ends keeps raw float32 files whose first byte happens
     * to be 0x80 from being mistaken for pickles.
     */
    private static boolean isRawPickle(Path file, byte[] head) throws IOException {
        if (head.length < 2 || (head[0] & 0xff) != 0x80 || head[1] < 2 || head[1] > 5) {
            return false;
        }
        if (head.length == LEGACY_TORCH_MAGIC.length && Arrays.equals(head, LEGACY_TORCH_MAGIC)) {
            return true;
        }
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            ch.position(ch.size() - 1).read(last);
            return last.get(0) == STOP;
        }
    }

    private static ZipKind zipKind(Path file) throws IOException {
        Set<String> roots = new HashSet<>();
        Set<String> withCode = new HashSet<>();
        Set<String> withConstants = new HashSet<>();
        Set<String> withData = new HashSet<>();
        boolean anyDataPkl = false;
        try (ZipFile z = new ZipFile(file.toFile())) {
            for (String name : z.stream().map(ZipEntry::getName).toList()) {
                int slash = name.indexOf('/');
                String root = slash < 0 ? "" : name.substring(0, slash);
                String rest = slash < 0 ? name : name.substring(slash + 1);
                roots.add(root);
                if (rest.startsWith("code/")) {
                    withCode.add(root);
                } else if (rest.equals("constants.pkl")) {
                    withConstants.add(root);
                } else if (rest.equals("data.pkl")) {
                    withData.add(root);
                }
                anyDataPkl |= name.endsWith("data.pkl");
            }
        } catch (ZipException e) {
            return ZipKind.OTHER;
        }
        for (String root : roots) {
            if (withCode.contains(root) && withConstants.contains(root) && withData.contains(root)) {
                return ZipKind.TORCHSCRIPT;
            }
        }
        return anyDataPkl ? ZipKind.TORCH_SAVE : ZipKind.OTHER;
    }

    private static byte[] head(Path file, int n) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        }
    }
}

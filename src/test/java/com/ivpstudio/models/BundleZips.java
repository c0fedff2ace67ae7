package com.ivpstudio.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * Real bundle zips for the tests, built from the tiny real bundle that the inference tests use
 * (src/test/resources/inference/tiny-bundle): valid variants and every kind of broken or hostile zip.
 */
public final class BundleZips {

    public static final Path TINY = Path.of("src", "test", "resources", "inference", "tiny-bundle");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A TorchScript module that behaves like an image encoder but returns [B, 33] instead of [B, 32] (made with
     * torch.jit.script of {@code x.mean(dim=(2, 3)).sum(dim=1, keepdim=True).repeat(1, 33)}).
     */
    static final String WRONG_SHAPE_MODULE =
            "UEsDBAAACAgAAAAAAAAAAAAAAAAAAAAAAAAUAA4Ad3Jvbmdfc2hhcGUvZGF0YS5wa2xGQgoAWlpaWlpaWlpaWoACY19fdG9yY2hf"
            + "XwpXcm9uZ1NoYXBlCnEAKYF9KFgIAAAAdHJhaW5pbmdxAYhYFgAAAF9pc19mdWxsX2JhY2t3YXJkX2hvb2txAk51YnEDLlBLBwgn"
            + "TqbAUQAAAFEAAABQSwMEFAAICAgAAAAAAAAAAAAAAAAAAAAAAB0AJAB3cm9uZ19zaGFwZS9jb2RlL19fdG9yY2hfXy5weUZCIABa"
            + "WlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlWOQWrDMBBF9znFLGVwQ9ruBO0NShcNdGHMMLZHsYmsMSOJ5viV3EDJ7jP/"
            + "PeaPnmKEb5Vw+ZppY/MhU/bc2AMA4kZKKyfWiAhv0PX7dcjOPZyS0hKWcAELg4iv0BLRZe9xoPH6QzrhLHIt/eeWFgnkuwpWd2IH"
            + "TrQyJrJ3tjxIouOMePyf1RYS4GbhzCGKNvD0fo92b/BUtuzaMebV/KWVKZhbC91LC699U8Jz38JZMze7pJyyhrumvDElg6eKFb4I"
            + "h19QSwcIsJOUzsQAAAAdAQAAUEsDBBQACAgIAAAAAAAAAAAAAAAAAAAAAAAnACcAd3Jvbmdfc2hhcGUvY29kZS9fX3RvcmNoX18u"
            + "cHkuZGVidWdfcGtsRkIjAFpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaVY9Li9RAFIWT7p6HWasM6uKCmwTaDDOz"
            + "kQaFGfDRXKPQBgxIEzKdalN2UklVKszMzl39DFeuFF2406W4cOdG/QMqPvCBC3FppWega4qCe+s7555LPehEa5ZlXb01CrbD+M4w"
            + "vB7fDkfDm9ficHvnxhVuuZGWLW5HF3UBfVIyhWkp9hKRujXJp33YH4AsxSTzQ8LqUnhw4fIxMHB4J4qOxttzHnI6I5AwoEVyjwBh"
            + "kzIlog+7jYSSEUhpoSdpyXROCUXCDgZwd6cPW1tjoKyWJEmhnB6izbHDu9HQiBdENoLBvl+QhLk665K7qY2e59dNMX9v9GFGSNW2"
            + "oWiI5wtSkUS6G+0Kz+G9yNF567Ko1vdqvzrgS5Ivu2hNDr91n0o/ruhklhNnt6F5GlMmc1pLh6+4Y5fIEVpoKb46L+19lbUC2tjB"
            + "LlqtoYddxU/gQ3yu0Fb4Pmv7Rwo7Cj9mi8FPmj/GJ0q78bPBv2j+FJ8p7Cn8avBvRs73bJH/w/D81PwFvlS4pPCXwX8b/j+6f41v"
            + "FC4r/Gvwfwt/0LXnwluFKyo4aRvKKXuxIjhtKmut8g4/KFxVwRlTOWumnTMUyR3l/wdQSwcIRDL7pcEBAACoAgAAUEsDBAAACAgA"
            + "AAAAAAAAAAAAAAAAAAAAAAAZADgAd3Jvbmdfc2hhcGUvY29uc3RhbnRzLnBrbEZCNABaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpa"
            + "WlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpagAIpLlBLBwhtLwlXBAAAAAQAAABQSwMEAAAICAAAAAAAAAAAAAAAAAAAAAAAABMA"
            + "OwB3cm9uZ19zaGFwZS92ZXJzaW9uRkI3AFpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpa"
            + "WlpaWlozClBLBwjRnmdVAgAAAAIAAABQSwECAAAAAAgIAAAAAAAAJ06mwFEAAABRAAAAFAAAAAAAAAAAAAAAAAAAAAAAd3Jvbmdf"
            + "c2hhcGUvZGF0YS5wa2xQSwECAAAUAAgICAAAAAAAsJOUzsQAAAAdAQAAHQAAAAAAAAAAAAAAAAChAAAAd3Jvbmdfc2hhcGUvY29k"
            + "ZS9fX3RvcmNoX18ucHlQSwECAAAUAAgICAAAAAAARDL7pcEBAACoAgAAJwAAAAAAAAAAAAAAAADUAQAAd3Jvbmdfc2hhcGUvY29k"
            + "ZS9fX3RvcmNoX18ucHkuZGVidWdfcGtsUEsBAgAAAAAICAAAAAAAAG0vCVcEAAAABAAAABkAAAAAAAAAAAAAAAAAEQQAAHdyb25n"
            + "X3NoYXBlL2NvbnN0YW50cy5wa2xQSwECAAAAAAgIAAAAAAAA0Z5nVQIAAAACAAAAEwAAAAAAAAAAAAAAAACUBAAAd3Jvbmdfc2hh"
            + "cGUvdmVyc2lvblBLBgYsAAAAAAAAAB4DLQAAAAAAAAAAAAUAAAAAAAAABQAAAAAAAABqAQAAAAAAABIFAAAAAAAAUEsGBwAAAAB8"
            + "BgAAAAAAAAEAAABQSwUGAAAAAAUABQBqAQAAEgUAAAAA";

    private BundleZips() {
    }

    /** The tiny bundle's files, path → bytes (manifest.json included). */
    public static Map<String, byte[]> tinyFiles() {
        return files(TINY);
    }

    /** The files of a bundle folder, path → bytes. */
    public static Map<String, byte[]> files(Path dir) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** A valid bundle with its own identity (id and version), so each test registers a new one. */
    public static Map<String, byte[]> variant(String version, Double defaultPsi) {
        Map<String, byte[]> files = tinyFiles();
        editManifest(files, m -> {
            m.put("version", version);
            m.put("name", "tiny test model");
            if (defaultPsi != null) {
                ((ObjectNode) m.get("generator")).put("default_psi", defaultPsi);
            }
        });
        return files;
    }

    public static void editManifest(Map<String, byte[]> files, Consumer<ObjectNode> edit) {
        try {
            ObjectNode m = (ObjectNode) JSON.readTree(files.get("manifest.json"));
            edit.accept(m);
            files.put("manifest.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces a file and fixes its sha256 and size in the manifest (so only later checks can catch it). */
    public static void replaceAndFixManifest(Map<String, byte[]> files, String path, byte[] bytes) {
        files.put(path, bytes);
        editManifest(files, m -> {
            for (var f : (ArrayNode) m.get("files")) {
                if (f.get("path").asText().equals(path)) {
                    ((ObjectNode) f).put("sha256", sha256(bytes));
                    ((ObjectNode) f).put("size", bytes.length);
                }
            }
        });
    }

    /** Adds a file and lists it in the manifest with its sha256 and size (a bundle holds only listed files). */
    public static void addListed(Map<String, byte[]> files, String path, byte[] bytes) {
        files.put(path, bytes);
        editManifest(files, m -> ((ArrayNode) m.get("files")).addObject().put("path", path)
                .put("sha256", sha256(bytes)).put("size", bytes.length));
    }

    public static byte[] wrongShapeModule() {
        return Base64.getDecoder().decode(WRONG_SHAPE_MODULE);
    }

    /** Zips the files (deflated), each path prefixed with {@code prefix} (e.g. "bundle/" or ""). */
    public static byte[] zip(Map<String, byte[]> files, String prefix) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (var e : files.entrySet()) {
                z.putNextEntry(new ZipEntry(prefix + e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] zip(Map<String, byte[]> files) {
        return zip(files, "");
    }

    /** A zip with one highly compressible entry of {@code bytes} zeros (a few KB compressed). */
    public static byte[] bomb(Map<String, byte[]> files, long bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("manifest.json"));
            z.write(files.get("manifest.json"));
            z.closeEntry();
            z.putNextEntry(new ZipEntry("zeros.bin"));
            byte[] chunk = new byte[1 << 16];
            for (long n = 0; n < bytes; n += chunk.length) {
                z.write(chunk);
            }
            z.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The bundle plus a symbolic link entry ("golden/link" → "/etc/passwd"): a STORED entry whose central directory
     * record says "made by Unix" with mode 0120777, as Info-ZIP writes links.
     */
    public static byte[] withSymlink(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String linkName = "golden/link";
        byte[] target = "/etc/passwd".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (var e : files.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
            ZipEntry link = new ZipEntry(linkName);
            link.setMethod(ZipEntry.STORED);
            link.setSize(target.length);
            CRC32 crc = new CRC32();
            crc.update(target);
            link.setCrc(crc.getValue());
            z.putNextEntry(link);
            z.write(target);
            z.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] zip = out.toByteArray();
        // Patch the link's central directory record: version made by = Unix (3), external attributes = mode << 16.
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        byte[] name = linkName.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int p = 0; p + 46 < zip.length; p++) {
            if (b.getInt(p) == 0x02014b50 && (b.getShort(p + 28) & 0xffff) == name.length
                    && new String(zip, p + 46, name.length, java.nio.charset.StandardCharsets.US_ASCII).equals(linkName)) {
                b.putShort(p + 4, (short) ((3 << 8) | 20));
                b.putInt(p + 38, 0120777 << 16);
            }
        }
        return zip;
    }

    /** A small PNG "front photo" (deterministic pattern) for the embedding calls. */
    public static byte[] photo() {
        BufferedImage img = new BufferedImage(100, 60, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 60; y++) {
            for (int x = 0; x < 100; x++) {
                img.setRGB(x, y, ((x * 5) & 0xff) << 16 | ((y * 4) & 0xff) << 8 | ((x + y) * 3 & 0xff));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

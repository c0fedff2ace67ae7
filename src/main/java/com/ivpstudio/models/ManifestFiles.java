package com.ivpstudio.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ivpstudio.inference.bundle.BundleValidator;
import com.ivpstudio.inference.Hashing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A bundle's manifest read first, before any other file: checked exactly as the loader checks it (schema and
 * semantics, canonical refusal text), and its {@code files} list — the only files the bundle may hold, each with
 * the size and sha256 they are checked against while they are written.
 */
final class ManifestFiles {

    static final String MANIFEST = "manifest.json";
    /** Far above any real manifest (a few KB); read with this cap before it is parsed. */
    static final long MAX_MANIFEST_BYTES = 4L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] manifest;
    private final JsonNode json;
    private final List<ListedFile> files;

    private ManifestFiles(byte[] manifest, JsonNode json, List<ListedFile> files) {
        this.manifest = manifest;
        this.json = json;
        this.files = files;
    }

    /** @throws BundleRefusedException when the manifest is not one the loader accepts */
    static ManifestFiles of(byte[] manifest) {
        String text = new String(manifest, StandardCharsets.UTF_8);
        String refusal = BundleValidator.checkManifest(text);
        if (refusal != null) {
            throw BundleRefusedException.refused(RefusalReason.MANIFEST, refusal);
        }
        JsonNode json;
        try {
            json = JSON.readTree(manifest);
        } catch (IOException e) {
            throw new BundleRefusedException(RefusalReason.MANIFEST, "manifest.json is not valid JSON. "
                    + "Nothing was stored.", e);
        }
        List<ListedFile> files = new ArrayList<>();
        Set<String> paths = new HashSet<>(Set.of(MANIFEST));
        for (JsonNode f : json.path("files")) {
            String path = f.path("path").asText();
            if (!paths.add(path)) {
                throw new BundleRefusedException(RefusalReason.DUPLICATE, "manifest.json lists " + path
                        + " twice" + (path.equals(MANIFEST) ? " (it lists itself)" : "") + ". Nothing was stored.");
            }
            files.add(new ListedFile(path, f.path("size").asLong(), f.path("sha256").asText()));
        }
        return new ManifestFiles(manifest, json, List.copyOf(files));
    }

    /** The listed files, manifest.json not included. */
    List<ListedFile> files() {
        return files;
    }

    /** manifest.json itself as a listed file (its sha256 is the bundle's identity). */
    ListedFile manifestFile() {
        return new ListedFile(MANIFEST, manifest.length, sha256());
    }

    /** Every file the bundle holds, manifest.json first. */
    List<ListedFile> allFiles() {
        List<ListedFile> all = new ArrayList<>(files.size() + 1);
        all.add(manifestFile());
        all.addAll(files);
        return all;
    }

    /** What extraction may write: zip entry name (under {@code prefix}) → the file it must be. */
    Map<String, ListedFile> plan(String prefix) {
        Map<String, ListedFile> plan = new LinkedHashMap<>();
        allFiles().forEach(f -> plan.put(prefix + f.path(), f));
        return plan;
    }

    /** Bytes of the whole bundle as declared. */
    long totalBytes() {
        return allFiles().stream().mapToLong(ListedFile::size).sum();
    }

    String sha256() {
        return Hashing.sha256(manifest);
    }

    String text() {
        return new String(manifest, StandardCharsets.UTF_8);
    }

    JsonNode json() {
        return json;
    }

    /** The first listed file that is a pickle, as the refusal text. */
    Optional<String> pickleIn(Path root) throws IOException {
        for (ListedFile f : files) {
            Optional<String> why = PickleScreen.refusal(root.resolve(f.path()), f.path());
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }
}

package com.ivpstudio.inference.bundle;

import ai.djl.Device;
import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.inference.Embedding;
import com.ivpstudio.inference.OodScore;
import com.ivpstudio.inference.PhotoOrientation;
import com.ivpstudio.inference.ViewKind;
import com.ivpstudio.inference.engine.Tensors;
import com.ivpstudio.inference.engine.TorchModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded, validated bundle: its four TorchScript modules, tokenizer and manifest. Reference counted: the
 * runtime holds one reference while the bundle is active, every operation holds one while it runs; the modules
 * close when the count reaches zero (so a swapped-out bundle finishes its requests first).
 */
public final class LoadedBundle implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LoadedBundle.class);

    private final Path location;
    private final Path root;
    private final BundleManifest manifest;
    private final String sha256;
    private final Device device;
    private final TorchModule imageEncoder;
    private final TorchModule textEncoder;
    private final TorchModule mapping;
    private final TorchModule synthesis;
    private final BundleTokenizer tokenizer;
    private final OodStatistics ood;
    private final PictureCheck pictureCheck;
    private final TorchModule orientationReader;
    private final Path extractedTemp;
    private final AtomicInteger refs = new AtomicInteger(1);
    private final AtomicBoolean closed = new AtomicBoolean();

    LoadedBundle(Path location, Path root, BundleManifest manifest, String sha256, Device device,
            TorchModule imageEncoder, TorchModule textEncoder, TorchModule mapping, TorchModule synthesis,
            BundleTokenizer tokenizer, OodStatistics ood, PictureCheck pictureCheck, TorchModule orientationReader,
            Path extractedTemp) {
        this.location = location;
        this.root = root;
        this.manifest = manifest;
        this.sha256 = sha256;
        this.device = device;
        this.imageEncoder = imageEncoder;
        this.textEncoder = textEncoder;
        this.mapping = mapping;
        this.synthesis = synthesis;
        this.tokenizer = tokenizer;
        this.ood = ood;
        this.pictureCheck = pictureCheck;
        this.orientationReader = orientationReader;
        this.extractedTemp = extractedTemp;
    }

    Path root() {
        return root;
    }

    public BundleManifest manifest() {
        return manifest;
    }

    public String sha256() {
        return sha256;
    }

    public BundleTokenizer tokenizer() {
        return tokenizer;
    }

    /** The out-of-distribution statistics, or null when the bundle has no such check. */
    OodStatistics ood() {
        return ood;
    }

    /** The second out-of-distribution check, on picture statistics, or null when the bundle has none. */
    PictureCheck pictureCheck() {
        return pictureCheck;
    }

    /** True when photos also get the check on their colour and brightness statistics. */
    public boolean checksPictures() {
        return pictureCheck != null;
    }

    /** The number of picture statistics (0 without the picture check). */
    public int pictureStatisticsDim() {
        return pictureCheck == null ? 0 : pictureCheck.statistics().dim();
    }

    /** True when the bundle reads which way up a photo is (the orientation check). */
    public boolean checksOrientation() {
        return orientationReader != null;
    }

    /**
     * The out-of-distribution score of a photo's embedding (with its picture statistics' score and its orientation
     * when the bundle and the embedding have them), or null when the bundle has no check or the embedding is not a
     * photo's (a prompt or a nudged embedding is not a photo that could be unlike the training photos).
     */
    public OodScore oodScore(Embedding e) {
        if (ood == null || !e.source().startsWith("photo:")) {
            return null;
        }
        boolean pictures = pictureCheck != null && e.pictureStatistics() != null;
        OodStatistics statistics = pictures ? pictureCheck.statistics() : null;
        return new OodScore(ood.distance(e.vector()), ood.threshold(),
                pictures ? statistics.distance(e.pictureStatistics()) : null, pictures ? statistics.threshold() : null,
                orientationReader != null && e.orientation() != null
                        ? PhotoOrientation.mostProbable(e.orientation()) : null);
    }

    /** The modules by their file names in the manifest (golden cases name their module by file). */
    Map<String, TorchModule> modulesByFile() {
        BundleManifest m = manifest;
        Map<String, TorchModule> modules = new HashMap<>(Map.of(m.imageEncoderFile(), imageEncoder,
                m.textEncoderFile(), textEncoder, m.mappingFile(), mapping, m.synthesisFile(), synthesis));
        if (pictureCheck != null) {
            modules.put(m.ood().picture().module(), pictureCheck.module());
        }
        if (orientationReader != null) {
            modules.put(m.ood().orientationModule(), orientationReader);
        }
        return modules;
    }

    public BundleInfo info() {
        BundleManifest m = manifest;
        return new BundleInfo(m.id(), m.name(), m.version(), sha256, location, m.synthetic(), m.intendedUse(),
                device.isGpu() ? "GPU " + device : "CPU", m.embeddingDim(), m.resolution(), m.zDim(),
                m.defaultPsi(), m.normMean(), m.normStd(), ViewKind.ALL, m.zSensitivity(),
                ood == null ? null : ood.threshold(), m.nudgeOnNewPatients());
    }

    /** Takes a reference unless the bundle is already released; false means "use the current one instead". */
    public boolean tryRetain() {
        while (true) {
            int n = refs.get();
            if (n <= 0) {
                return false;
            }
            if (refs.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    public void release() {
        if (refs.decrementAndGet() == 0) {
            close();
        }
    }

    int references() {
        return refs.get();
    }

    public boolean isClosed() {
        return closed.get();
    }

    // ---- module calls (plain Java in and out) ----

    /**
     * pixels: [b,3,h,w] RGB bytes (unsigned) → κ [b][D]; the module gets them as uint8 when the bundle declares
     * that input, else as float32 0..255 (the same values either way).
     */
    public float[][] encodeImages(byte[] pixels, int b, int h, int w) {
        Tensors out = imageEncoder.run(Tensors.ofUnsignedBytes(pixels, manifest.encoderTakesUint8(), b, 3, h, w));
        return rows(out.floats(), b);
    }

    /** pixels: [1,3,h,w] RGB bytes as {@link #encodeImages} takes them → the picture check's statistics. */
    public float[] pictureStatistics(byte[] pixels, int h, int w) {
        if (pictureCheck == null) {
            throw new IllegalStateException("bundle " + manifest.id() + " has no picture check");
        }
        return pictureCheck.module().run(Tensors.ofUnsignedBytes(pixels, manifest.encoderTakesUint8(), 1, 3, h, w))
                .floats();
    }

    /** pixels: [1,3,h,w] RGB bytes as {@link #encodeImages} takes them → the four orientation probabilities. */
    public float[] orientation(byte[] pixels, int h, int w) {
        if (orientationReader == null) {
            throw new IllegalStateException("bundle " + manifest.id() + " has no orientation check");
        }
        return orientationReader.run(Tensors.ofUnsignedBytes(pixels, manifest.encoderTakesUint8(), 1, 3, h, w))
                .floats();
    }

    public float[][] encodeTexts(long[] ids, int b) {
        Tensors out = textEncoder.run(Tensors.ofLongs(ids, b, manifest.contextLength()));
        return rows(out.floats(), b);
    }

    /** → w [b, num_ws*w_dim] flattened. */
    public float[] map(float[] oneHot, float[] kappa, float[] z, float psi, int b) {
        BundleManifest m = manifest;
        return mapping.run(Tensors.of(oneHot, b, 4), Tensors.of(kappa, b, m.embeddingDim()),
                Tensors.of(z, b, m.zDim()), Tensors.of(new float[] {psi}, 1)).floats();
    }

    /** w [b,num_ws,w_dim] → images [b,3,R,R] flattened. */
    public float[] synthesize(float[] w, int b) {
        return synthesis.run(Tensors.of(w, b, manifest.numWs(), manifest.wDim())).floats();
    }

    public static float[][] rows(float[] flat, int b) {
        int d = flat.length / b;
        float[][] r = new float[b][d];
        for (int i = 0; i < b; i++) {
            System.arraycopy(flat, i * d, r[i], 0, d);
        }
        return r;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<AutoCloseable> parts = new ArrayList<>(List.of(imageEncoder, textEncoder, mapping, synthesis, tokenizer));
        if (pictureCheck != null) {
            parts.add(pictureCheck.module());
        }
        if (orientationReader != null) {
            parts.add(orientationReader);
        }
        for (AutoCloseable c : parts) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("Closing {} of bundle {} failed: {}", c, manifest.id(), e.toString());
            }
        }
        deleteTree(extractedTemp);
        log.info("Closed model bundle {} {} ({})", manifest.id(), manifest.version(), sha256.substring(0, 12));
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", dir, e.toString());
        }
    }
}

package com.ivpstudio.phantom;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/** Dataset export: PNG images per patient/stage/view plus index.jsonl (written last) and export.json. */
public final class PhantomExport {
    public static final String VERSION = "phantom-1.0";

    /** Export settings. */
    public static final class Options {
        public Path out;
        public int patients = 10;
        public int width = 128;
        public int height = 128;
        public long seed = 0;
        public int stages = 1;
        public String frameAspect = "5:3";
        public int threads = 2;
        public boolean labels = false;
        public List<String> args = new ArrayList<>();
    }

    private PhantomExport() {
    }

    static long mix(long x) {
        x += 0x9E3779B97F4A7C15L;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    /** Patient seed of patient i of an export with base seed s0. */
    public static long patientSeed(long s0, int i) {
        return mix(mix(s0) + i) & Long.MAX_VALUE;
    }

    /** Photo seed for one image. */
    public static long photoSeed(long patientSeed, int stage, View view) {
        return mix(patientSeed ^ (0x5DEECE66DL * (stage * 8L + view.ordinal() + 1))) & Long.MAX_VALUE;
    }

    /** train (~90%), val (~5%) or test (~5%) from the hashed patient seed. */
    public static String split(long patientSeed) {
        long h = Long.remainderUnsigned(mix(patientSeed ^ 0xC0FFEEL), 100);
        return h < 90 ? "train" : h < 95 ? "val" : "test";
    }

    public static String patientId(int i) {
        return String.format(Locale.ROOT, "p%06d", i);
    }

    /** Runs the export; returns the number of images written. */
    public static int run(Options o, PrintStream progress) throws IOException, InterruptedException {
        double aspect = PhantomRenderer.parseAspect(o.frameAspect);
        Path dir = o.out;
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve("index.jsonl"));
        int perPatient = o.stages * View.values().length;
        int total = o.patients * perPatient;
        AtomicInteger done = new AtomicInteger();
        long t0 = System.nanoTime();
        ExecutorService ex = Executors.newFixedThreadPool(Math.max(1, o.threads), r -> {
            Thread t = new Thread(r, "phantom-export");
            t.setDaemon(true);
            return t;
        });
        int[] splitCounts = new int[3];
        Path tmp = dir.resolve("index.jsonl.partial");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int i = 0; i < o.patients; i++) {
                final int pi = i;
                futures.add(ex.submit(() -> patient(o, pi, aspect, dir, done)));
            }
            long lastReport = System.nanoTime();
            for (int i = 0; i < futures.size(); i++) {
                List<String> lines;
                while (true) {
                    try {
                        lines = futures.get(i).get(1, java.util.concurrent.TimeUnit.SECONDS);
                        break;
                    } catch (java.util.concurrent.TimeoutException te) {
                        lastReport = report(progress, done.get(), total, t0, lastReport, false);
                    } catch (java.util.concurrent.ExecutionException ee) {
                        Throwable c = ee.getCause();
                        if (c instanceof IOException) {
                            throw (IOException) c;
                        }
                        throw new IllegalStateException(c);
                    }
                }
                for (String l : lines) {
                    w.write(l);
                    w.write('\n');
                }
                String sp = split(patientSeed(o.seed, i));
                splitCounts[sp.equals("train") ? 0 : sp.equals("val") ? 1 : 2]++;
                lastReport = report(progress, done.get(), total, t0, lastReport, false);
            }
        } finally {
            ex.shutdownNow();
        }
        report(progress, done.get(), total, t0, 0, true);
        Files.writeString(dir.resolve("export.json"), exportJson(o, total, splitCounts), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve("index.jsonl"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return total;
    }

    /** export.json: how the export was made (command line, version, sizes), label codes and counts. */
    private static String exportJson(Options o, int total, int[] splitCounts) {
        JsonWriter labelCodes = JsonWriter.inline();
        for (Map.Entry<Integer, String> en : Labels.codes().entrySet()) {
            labelCodes.string(String.valueOf(en.getKey()), en.getValue());
        }
        labelCodes.string("11-47", "tooth, FDI number");
        String views = JsonWriter.array(Arrays.stream(View.values()).map(v -> JsonWriter.quote(v.id())).toList(), ", ");
        return JsonWriter.document()
                .string("command", "export")
                .raw("args", JsonWriter.array(o.args.stream().map(JsonWriter::quote).toList(), ", "))
                .string("version", VERSION)
                .integer("seed", o.seed)
                .integer("width", o.width)
                .integer("height", o.height)
                .string("frame_aspect", o.frameAspect)
                .integer("stages", o.stages)
                .raw("views", views)
                .raw("label_codes", labelCodes.toString())
                .bool("label_files", o.labels)
                .raw("counts", JsonWriter.inline()
                        .integer("patients", o.patients)
                        .integer("images", total)
                        .integer("train_patients", splitCounts[0])
                        .integer("val_patients", splitCounts[1])
                        .integer("test_patients", splitCounts[2])
                        .toString())
                .toString();
    }

    private static long report(PrintStream ps, int done, int total, long t0, long last, boolean fin) {
        long now = System.nanoTime();
        if (ps == null || (!fin && now - last < 2_000_000_000L)) {
            return last;
        }
        double el = (now - t0) / 1e9;
        double rate = done / Math.max(1e-9, el);
        double left = rate > 0 ? (total - done) / rate : 0;
        ps.printf(Locale.ROOT, "phantom export: %d/%d images, %.1f img/s, %s%n", done, total, rate,
            fin ? String.format(Locale.ROOT, "done in %.1f s", el) : String.format(Locale.ROOT, "~%.0f s left", left));
        return now;
    }

    private static List<String> patient(Options o, int pi, double aspect, Path dir, AtomicInteger done) throws IOException {
        long seed = patientSeed(o.seed, pi);
        String pid = patientId(pi);
        String split = split(seed);
        PhantomPatient base = PhantomPatient.generate(seed);
        Path pdir = dir.resolve(pid);
        Files.createDirectories(pdir);
        List<String> lines = new ArrayList<>();
        int detail = PhantomRenderer.detailFor(o.width, o.height);
        for (PhantomPatient p : Treatment.stages(base, o.stages)) {
            PhantomScene sc = PhantomScene.build(p, detail);
            String caption = Captions.caption(p);
            String params = p.toJson();
            for (View v : View.values()) {
                long ps = photoSeed(seed, p.stage, v);
                PhantomRenderer.Rendered r = PhantomRenderer.render(sc, v, ps, o.width, o.height, aspect);
                String file = pid + "/s" + p.stage + "_" + v.id() + ".png";
                ImageIO.write(r.image, "png", dir.resolve(file).toFile());
                if (o.labels) {
                    ImageIO.write(r.labelImage(), "png", dir.resolve(pid + "/s" + p.stage + "_" + v.id() + "_label.png").toFile());
                }
                lines.add(JsonWriter.compact()
                    .string("patient", pid)
                    .integer("seed", seed)
                    .string("split", split)
                    .string("view", v.id())
                    .integer("stage", p.stage)
                    .integer("stages", p.stages)
                    .integer("photo_seed", ps)
                    .integer("width", o.width)
                    .integer("height", o.height)
                    .string("frame_aspect", o.frameAspect)
                    .string("caption", caption)
                    .raw("params", params)
                    .string("file", file)
                    .toString());
                done.incrementAndGet();
            }
        }
        return lines;
    }
}

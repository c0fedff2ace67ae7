package com.ivpstudio.phantom;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Command line: {@code export}, {@code render}, {@code sheet}. Refused arguments print one line on stderr and exit
 * with code 2 without writing anything. See docs/phantom.md.
 */
public final class PhantomCli {
    static final String USAGE = String.join("\n",
        "usage: java -cp target/classes com.ivpstudio.phantom.PhantomCli <command> [options]",
        "  export --out DIR --patients N --size S [--seed S0] [--stages K] [--frame-aspect 5:3] [--width W --height H]",
        "         [--threads 2] [--labels]",
        "  render --seed S --out x.png [--view front|left|right|upper|lower] [--size 512] [--width W --height H]",
        "         [--photo-seed P] [--stage i/n] [--frame-aspect 5:3] [--labels-out labels.png]",
        "  sheet  --out sheet.png [--seed S0] [--patients 8] [--size 120]");

    /** Thrown for refused arguments; message is the one-line explanation. */
    static final class UsageException extends Exception {
        UsageException(String m) {
            super(m);
        }
    }

    private PhantomCli() {
    }

    public static void main(String[] args) {
        int rc = run(args, System.out, System.err);
        if (rc != 0) {
            System.exit(rc);
        }
    }

    /** Runs the CLI and returns the exit code (0 ok, 2 refused arguments, 1 failure). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 0) {
                throw new UsageException("missing command (export, render or sheet); try --help");
            }
            String cmd = args[0];
            if (cmd.equals("--help") || cmd.equals("-h") || cmd.equals("help")) {
                out.println(USAGE);
                return 0;
            }
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            switch (cmd) {
                case "export":
                    return export(rest, err);
                case "render":
                    return render(rest, out);
                case "sheet":
                    return sheet(rest, out);
                default:
                    throw new UsageException("unknown command '" + cmd + "' (expected export, render or sheet)");
            }
        } catch (UsageException e) {
            err.println("phantom: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException | InterruptedException e) {
            err.println("phantom: failed: " + e);
            return 1;
        }
    }

    static Map<String, String> parse(String[] a, Set<String> valued, Set<String> flags) throws UsageException {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < a.length; i++) {
            String k = a[i];
            if (!k.startsWith("--")) {
                throw new UsageException("unexpected argument '" + k + "'");
            }
            String name = k.substring(2);
            if (flags.contains(name)) {
                m.put(name, "true");
            } else if (valued.contains(name)) {
                if (i + 1 >= a.length) {
                    throw new UsageException("option --" + name + " needs a value");
                }
                m.put(name, a[++i]);
            } else {
                throw new UsageException("unknown option '" + k + "'");
            }
        }
        return m;
    }

    static int intOpt(Map<String, String> m, String k, int def, int min, int max) throws UsageException {
        String v = m.get(k);
        if (v == null) {
            return def;
        }
        int x;
        try {
            x = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + k + " must be an integer, got '" + v + "'");
        }
        if (x < min || x > max) {
            throw new UsageException("--" + k + " must be between " + min + " and " + max + ", got " + x);
        }
        return x;
    }

    static long longOpt(Map<String, String> m, String k, long def) throws UsageException {
        String v = m.get(k);
        if (v == null) {
            return def;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + k + " must be an integer, got '" + v + "'");
        }
    }

    static double aspectOpt(Map<String, String> m, String def) throws UsageException {
        try {
            return PhantomRenderer.parseAspect(m.getOrDefault("frame-aspect", def));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static Path outOpt(Map<String, String> m) throws UsageException {
        String v = m.get("out");
        if (v == null || v.isBlank()) {
            throw new UsageException("--out is required");
        }
        return Paths.get(v);
    }

    private static int export(String[] a, PrintStream err) throws UsageException, IOException, InterruptedException {
        Map<String, String> m = parse(a, Set.of("out", "patients", "size", "seed", "stages", "frame-aspect", "width", "height",
            "threads"), Set.of("labels"));
        PhantomExport.Options o = new PhantomExport.Options();
        o.out = outOpt(m);
        if (!m.containsKey("patients")) {
            throw new UsageException("--patients is required");
        }
        o.patients = intOpt(m, "patients", 10, 1, 10_000_000);
        int size = intOpt(m, "size", 128, 8, 4096);
        o.width = intOpt(m, "width", size, 8, 4096);
        o.height = intOpt(m, "height", size, 8, 4096);
        o.seed = longOpt(m, "seed", 0);
        o.stages = intOpt(m, "stages", 1, 1, 100);
        o.threads = intOpt(m, "threads", 2, 1, 64);
        o.frameAspect = m.getOrDefault("frame-aspect", "5:3");
        aspectOpt(m, "5:3");
        o.labels = m.containsKey("labels");
        o.args = Arrays.asList(a);
        if (Files.exists(o.out) && !Files.isDirectory(o.out)) {
            throw new UsageException("--out " + o.out + " exists and is not a directory");
        }
        PhantomExport.run(o, err);
        return 0;
    }

    private static int render(String[] a, PrintStream out) throws UsageException, IOException {
        Map<String, String> m = parse(a, Set.of("seed", "view", "size", "width", "height", "photo-seed", "stage",
            "frame-aspect", "out", "labels-out"), Set.of());
        Path path = outOpt(m);
        long seed = longOpt(m, "seed", 0);
        View view;
        try {
            view = View.parse(m.getOrDefault("view", "front"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        double aspect = aspectOpt(m, "5:3");
        int size = intOpt(m, "size", 512, 8, 4096);
        int h = intOpt(m, "height", size, 8, 4096);
        int w = intOpt(m, "width", (int) Math.round(h * aspect), 8, 8192);
        long photo = longOpt(m, "photo-seed", 1);
        int stage = 0, stages = 1;
        if (m.containsKey("stage")) {
            String[] p = m.get("stage").split("/");
            try {
                stage = Integer.parseInt(p[0].trim());
                stages = p.length == 2 ? Integer.parseInt(p[1].trim()) : -1;
            } catch (NumberFormatException e) {
                stages = -1;
            }
            if (p.length != 2 || stages < 1 || stage < 0 || stage >= stages || stages > 100) {
                throw new UsageException("--stage must be i/n with 0 <= i < n <= 100, got '" + m.get("stage") + "'");
            }
        }
        PhantomPatient p = Treatment.stage(PhantomPatient.generate(seed), stage, stages);
        PhantomRenderer.Rendered r = PhantomRenderer.render(p, view, photo, w, h, aspect);
        writePng(r.image, path);
        if (m.containsKey("labels-out")) {
            writePng(r.labelImage(), Paths.get(m.get("labels-out")));
        }
        out.println(path + " " + w + "x" + h + " " + view.id() + ": " + Captions.caption(p));
        return 0;
    }

    static void writePng(java.awt.image.BufferedImage im, Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        ImageIO.write(im, "png", tmp.toFile());
        Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static int sheet(String[] a, PrintStream out) throws UsageException, IOException {
        Map<String, String> m = parse(a, Set.of("out", "seed", "patients", "size"), Set.of());
        Path path = outOpt(m);
        long seed = longOpt(m, "seed", 0);
        int n = intOpt(m, "patients", 8, 1, 64);
        int size = intOpt(m, "size", 120, 16, 1024);
        writePng(ContactSheet.render(seed, n, size), path);
        out.println(path);
        return 0;
    }
}

package com.ivpstudio.phantom;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportAndCliTest {

    static final List<String> KEYS = List.of("patient", "seed", "split", "view", "stage", "stages", "photo_seed", "width",
        "height", "frame_aspect", "caption", "params", "file");

    private static int cli(ByteArrayOutputStream err, String... args) {
        return PhantomCli.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true));
    }

    @Test
    void exportWritesExactlyWhatIndexJsonlSays(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("ds");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = cli(err, "export", "--out", out.toString(), "--patients", "3", "--size", "32", "--seed", "5", "--stages", "2");
        assertThat(rc).as(err.toString()).isZero();
        List<String> lines = Files.readAllLines(out.resolve("index.jsonl"));
        assertThat(lines).hasSize(3 * 2 * 5);
        Set<String> listed = new HashSet<>();
        for (String l : lines) {
            Map<String, Object> o = MiniJson.object(l);
            assertThat(new ArrayList<>(o.keySet())).isEqualTo(KEYS);
            assertThat((String) o.get("split")).isIn("train", "val", "test");
            assertThat((String) o.get("view")).isIn("front", "left", "right", "upper", "lower");
            assertThat(o.get("width")).isEqualTo(32L);
            assertThat(o.get("frame_aspect")).isEqualTo("5:3");
            assertThat(o.get("params")).isInstanceOf(Map.class);
            String file = (String) o.get("file");
            BufferedImage im = ImageIO.read(out.resolve(file).toFile());
            assertThat(im.getWidth()).isEqualTo(32);
            assertThat(im.getHeight()).isEqualTo(32);
            assertThat(listed.add(file)).isTrue();
            long seed = (Long) o.get("seed");
            int stage = ((Long) o.get("stage")).intValue();
            PhantomPatient p = Treatment.stage(PhantomPatient.generate(seed), stage, 2);
            assertThat(o.get("caption")).isEqualTo(Captions.caption(p));
        }
        Set<String> onDisk;
        try (Stream<Path> s = Files.walk(out)) {
            onDisk = s.filter(p -> p.toString().endsWith(".png")).map(p -> out.relativize(p).toString().replace('\\', '/'))
                .collect(Collectors.toSet());
        }
        assertThat(onDisk).isEqualTo(listed);
        String ej = Files.readString(out.resolve("export.json"), StandardCharsets.UTF_8);
        Map<String, Object> e = MiniJson.object(ej);
        assertThat(e).containsKeys("args", "version", "label_codes", "counts");
        assertThat(((Map<?, ?>) e.get("counts")).get("images")).isEqualTo(30L);
        assertThat(Files.exists(out.resolve("index.jsonl.partial"))).isFalse();
    }

    @Test
    void exportIsDeterministic(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(cli(err, "export", "--out", dir.resolve("a").toString(), "--patients", "2", "--size", "24")).isZero();
        assertThat(cli(err, "export", "--out", dir.resolve("b").toString(), "--patients", "2", "--size", "24", "--threads", "1"))
            .isZero();
        assertThat(Files.readAllLines(dir.resolve("a/index.jsonl"))).isEqualTo(Files.readAllLines(dir.resolve("b/index.jsonl")));
        assertThat(Files.readAllBytes(dir.resolve("a/p000001/s0_upper.png")))
            .isEqualTo(Files.readAllBytes(dir.resolve("b/p000001/s0_upper.png")));
    }

    @Test
    void refusedArgumentsGiveAClearOneLineMessageExitCode2AndWriteNothing(@TempDir Path dir) throws Exception {
        String out = dir.resolve("x").toString();
        String[][] bad = {
            {"export", "--out", out, "--patients", "3", "--size", "0"},
            {"export", "--out", out, "--patients", "-1", "--size", "32"},
            {"export", "--out", out, "--patients", "2", "--size", "32", "--bogus", "1"},
            {"export", "--out", out, "--size", "32"},
            {"render", "--seed", "1", "--view", "sideways", "--out", out + ".png"},
            {"render", "--seed", "1", "--size", "0", "--out", out + ".png"},
            {"render", "--seed", "x", "--out", out + ".png"},
            {"render", "--seed", "1", "--stage", "5/3", "--out", out + ".png"},
            {"render", "--seed", "1"},
            {"export", "--out", out, "--patients", "2", "--frame-aspect", "wide"},
            {"frobnicate"},
        };
        for (String[] a : bad) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int rc = cli(err, a);
            String msg = err.toString(StandardCharsets.UTF_8);
            assertThat(rc).as(String.join(" ", a)).isEqualTo(2);
            assertThat(msg).startsWith("phantom: ").endsWith("\n");
            assertThat(msg.strip().lines().count()).as(msg).isEqualTo(1);
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.count()).isZero();
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(cli(err, "render", "--seed", "1", "--view", "sideways", "--out", out + ".png")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown view 'sideways'");
    }

    @Test
    void renderWritesOnePngOfTheRequestedSize(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("one.png");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(cli(err, "render", "--seed", "3", "--view", "left", "--size", "30", "--stage", "1/3", "--out", png.toString()))
            .isZero();
        BufferedImage im = ImageIO.read(png.toFile());
        assertThat(im.getHeight()).isEqualTo(30);
        assertThat(im.getWidth()).isEqualTo(50);
    }
}

package com.ivpstudio.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestSummaryTest {

    static final String MANIFEST = """
            {"name": "demo", "description": "d", "encoder": {"embedding_dim": 64, "kind": "k"},
             "generator": {"resolution": 128, "z_dim": 32, "default_psi": 0.7},
             "training": {"gan_finetune": true, "generator": {"steps": 100, "seconds": 12.5, "losses": ["L1"]}},
             "evaluation": {"test_samples": 12,
                "baseline_mean_image": {"all": {"ssim": 0.5, "psnr": 19.0}},
                "model": {"left": {"fd": null, "ssim": 0.61, "psnr": 21.456, "feat_cos": 0.9},
                          "all": {"fd": 3.2, "ssim": 0.6, "psnr": 21.0, "feat_cos": 0.91}},
                "retrieval": {"top1": 0.75}}}""";

    @Test
    void metricsComeAsPerViewSectionsTheModelFirstInAFixedMetricOrder() {
        ManifestSummary m = ManifestSummary.of(MANIFEST);

        assertThat(m.sections()).extracting(ManifestSummary.Section::key).containsExactly("model", "baseline_mean_image");
        ManifestSummary.Section model = m.sections().get(0);
        assertThat(model.metrics()).containsExactly("psnr", "ssim", "feat_cos", "fd");
        assertThat(model.value("left", "psnr")).isEqualTo(21.456);
        assertThat(model.value("left", "fd")).isNull();
        assertThat(model.byView().keySet()).containsExactly("left", "all");
        assertThat(m.facts()).containsEntry("test samples", "12").containsEntry("retrieval top1", "0.750");
        assertThat(m.architecture()).contains("embedding 64", "128 px output", "ψ 0.7");
        assertThat(m.training()).anyMatch(l -> l.startsWith("Generator: 100 steps")).contains("GAN fine-tuning: yes");
        assertThat(ManifestSummary.format(null)).isEqualTo("–");
        assertThat(ManifestSummary.format(0.004)).isEqualTo("4.00e-03");
    }

    @Test
    void aGridImageIsShownOnlyWhenItIsAPngInsideTheBundle(@TempDir Path tmp) throws IOException {
        Path bundle = Files.createDirectories(tmp.resolve("bundle"));
        byte[] png = BundleZips.photo();
        Files.write(tmp.resolve("outside.png"), png);
        ManifestSummary escaping = ManifestSummary.of("{\"grid_image\": \"../outside.png\"}");
        assertThat(escaping.gridImage(bundle)).isEmpty();

        Files.writeString(bundle.resolve("grid.png"), "not a png");
        assertThat(ManifestSummary.of("{}").gridImage(bundle)).isEmpty();

        Files.createDirectories(bundle.resolve("eval"));
        Files.write(bundle.resolve("eval/sheet.png"), png);
        assertThat(ManifestSummary.of("{\"evaluation\": {\"grid_image\": \"eval/sheet.png\"}}").gridImage(bundle))
                .contains(bundle.toAbsolutePath().normalize().resolve("eval/sheet.png"));

        Files.createSymbolicLink(bundle.resolve("link.png"), tmp.resolve("outside.png"));
        assertThat(ManifestSummary.of("{\"grid_image\": \"link.png\"}").gridImage(bundle)).isEmpty();
    }
}

package com.ivpstudio.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.ActiveModel;
import com.ivpstudio.IntegrationTest;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.inference.Comparison;
import com.ivpstudio.inference.GeneratedImage;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.inference.OperationContext;
import com.ivpstudio.inference.ViewKind;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Where the small-photo warning's threshold ({@link Photo#USABLE_SHORT_SIDE}) comes from: the demo cases' front
 * photos scaled down to a given shorter side, predicted with the active model and compared with the predictions
 * from the full-size photo. At and above the threshold the four views stay close to the full-size answer; well
 * below it they drift.
 */
@IntegrationTest
class FrontPhotoSizeIT {

    @Autowired
    InferenceService inference;
    @Autowired
    CaseService cases;
    @Autowired
    PhotoService photos;

    @Test
    void predictionsFromAFrontPhotoBelowTheUsableSizeDriftFromTheFullSizeOnes() {
        try (ActiveModel held = ActiveModel.ensure(inference)) {
            Map<Integer, double[]> bySide = new LinkedHashMap<>();
            for (String code : List.of("DEMO-01", "DEMO-02", "DEMO-03")) {
                long id = cases.findByCode(code).orElseThrow().id();
                Photo front = photos.photosOf(id).stream().filter(p -> p.kind() == PhotoKind.FRONT).findFirst()
                        .orElseThrow();
                BufferedImage full = PhotoFixtures.read(photos.imageBytes(front.id()));
                List<GeneratedImage> reference = predict(PhotoFixtures.png(full));
                for (int side : List.of(256, Photo.USABLE_SHORT_SIDE, 183, 128, 96, 64, 48, 32)) {
                    int width = Math.round(side * full.getWidth() / (float) full.getHeight());
                    List<GeneratedImage> small = predict(PhotoFixtures.png(PhotoFixtures.scaled(full, width, side)));
                    double[] sum = bySide.computeIfAbsent(side, s -> new double[2]);
                    for (int v = 0; v < reference.size(); v++) {
                        Comparison c = inference.compare(small.get(v), reference.get(v).png());
                        sum[0] += c.ssim() / (3.0 * reference.size());
                        sum[1] += c.featureCosine() / (3.0 * reference.size());
                    }
                }
            }
            StringBuilder table = new StringBuilder("[casepage] front photo shorter side → mean SSIM / feature "
                    + "similarity of the four predicted views against those from the full-size photo (3 demo cases):");
            bySide.forEach((side, m) -> table.append(String.format(Locale.ROOT, " %d px: %.3f / %.4f;", side, m[0], m[1])));
            System.out.println(table);

            double[] atThreshold = bySide.get(256);
            assertThat(atThreshold[0]).as("SSIM at and above the usable size").isGreaterThan(0.95);
            assertThat(bySide.get(32)[0]).as("a 32 px photo drifts").isLessThan(atThreshold[0]);
            assertThat(bySide.get(32)[1]).as("and so do its features").isLessThan(bySide.get(64)[1]);
        }
    }

    private List<GeneratedImage> predict(byte[] photo) {
        return inference.predictViews(inference.embedImage(photo), ViewKind.ALL, List.of(0L), null,
                OperationContext.none());
    }
}

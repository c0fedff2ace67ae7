package com.ivpstudio.inference;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.inference.render.PngEncoder;
import com.ivpstudio.inference.runtime.ModelRuntime;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SIMULATED mark follows the reader's language, passed in by the caller: the same request in the same language
 * gives the same bytes, English images are exactly what they always were, and the language is part of the image
 * cache's key (via the provenance), so an English and a German reader never get each other's images.
 */
class MarkLanguageTest {

    static ModelRuntime runtime;
    static InferenceService service;
    static Embedding photo;

    @BeforeAll
    static void load() {
        runtime = TestBundles.runtime();
        assertThat(runtime.activate(TestBundles.TINY).ok()).isTrue();
        service = new InferenceService(runtime, null, TestBundles.props(64, 32), null);
        photo = service.embedImage(InferenceEngineTest.photo(800, 480, 1));
    }

    @AfterAll
    static void close() {
        service.close();
        runtime.close();
    }

    private static List<GeneratedImage> views(OperationContext ctx) {
        return service.predictViews(photo, Sampling.seed(7), ctx);
    }

    @Test
    void germanImagesAreDeterministicAndTheirProvenanceNamesTheMark() throws Exception {
        OperationContext german = OperationContext.forPatient("P-0042").markedAs("SIMULIERT");
        List<GeneratedImage> first = views(german);
        service.clearImageCache();
        List<GeneratedImage> again = views(german);
        for (int i = 0; i < 4; i++) {
            assertThat(again.get(i).png()).as("same input, same language, same bytes").isEqualTo(first.get(i).png());
            Provenance p = Provenance.fromJson(PngEncoder.readText(first.get(i).png()).get("ivp:provenance"));
            assertThat(p).isEqualTo(first.get(i).provenance());
            assertThat(p.mark()).isEqualTo("SIMULIERT");
            assertThat(p.patientCode()).isEqualTo("P-0042");
        }
        assertThat(first.get(0).provenance().toJson()).contains("\"mark\":\"SIMULIERT\"");
    }

    @Test
    void englishImagesNameNoMarkAndAreTheSameAsBeforeMarksHadALanguage() {
        List<GeneratedImage> plain = views(OperationContext.forPatient("P-0042"));
        service.clearImageCache();
        List<GeneratedImage> spelled = views(OperationContext.forPatient("P-0042").markedAs("SIMULATED"));
        assertThat(plain.get(0).provenance().toJson()).doesNotContain("mark");
        for (int i = 0; i < 4; i++) {
            assertThat(spelled.get(i).png()).isEqualTo(plain.get(i).png());
        }
    }

    @Test
    void anEnglishAndAGermanReaderNeverGetEachOthersCachedImages() throws Exception {
        service.clearImageCache();
        List<GeneratedImage> english = views(OperationContext.forPatient("P-0042"));
        List<GeneratedImage> german = views(OperationContext.forPatient("P-0042").markedAs("SIMULIERT"));
        List<GeneratedImage> englishAgain = views(OperationContext.forPatient("P-0042"));
        for (int i = 0; i < 4; i++) {
            assertThat(german.get(i).png()).isNotEqualTo(english.get(i).png());
            assertThat(german.get(i).provenance().mark()).isEqualTo("SIMULIERT");
            assertThat(englishAgain.get(i).png()).isEqualTo(english.get(i).png());
            assertThat(german.get(i).squareRgb()).as("the model's pixels do not depend on the language")
                    .isEqualTo(english.get(i).squareRgb());
        }
        BufferedImage en = ImageIO.read(new ByteArrayInputStream(english.get(0).png()));
        BufferedImage de = ImageIO.read(new ByteArrayInputStream(german.get(0).png()));
        assertThat(de.getRGB(5, 5)).as("only the corner with the mark differs").isEqualTo(en.getRGB(5, 5));
        assertThat(de.getRGB(en.getWidth() / 2, en.getHeight() / 2)).isEqualTo(en.getRGB(en.getWidth() / 2,
                en.getHeight() / 2));
    }

    @Test
    void theSpreadMapIsMarkedInTheReadersLanguageToo() {
        SpreadResult s = service.spread(photo, ViewKind.LEFT, List.of(1L, 2L), null,
                OperationContext.forPatient("P-0042").markedAs("SIMULIERT"));
        SpreadResult en = service.spread(photo, ViewKind.LEFT, List.of(1L, 2L), null,
                OperationContext.forPatient("P-0042"));
        assertThat(s.heatMap().provenance().mark()).isEqualTo("SIMULIERT");
        assertThat(s.heatMap().png()).isNotEqualTo(en.heatMap().png());
        assertThat(en.heatMap().provenance().mark()).isNull();
    }
}

package com.ivpstudio.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.inference.Comparison;
import com.ivpstudio.language.TranslationFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The report's layout on its own: notice on every page and under every simulated image, clean metadata. */
class CaseReportPdfTest {

    private static final TranslationFiles FILES = new TranslationFiles();
    private static final String SHA = "ab".repeat(32);

    private static byte[] png(Color colour) {
        BufferedImage img = new BufferedImage(200, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 200, 120);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static ReportPdfs write(List<ReportImage> images, String name, Locale locale) {
        CaseReportContent content = new CaseReportContent(locale, "P-0042", name, "dr.who", LocalDate.of(2026, 3, 4),
                "Demo model", "1.2.3", SHA, "5", "0.70", "", png(Color.PINK), "initial · Mar 1, 2026",
                "Predicted views", images, null);
        return ReportPdfs.read(CaseReportPdf.write(content, (k, p) -> FILES.getTranslation(k, locale, p), id -> png(Color.GRAY)));
    }

    @Test
    void aLongSnapshotStripCarriesTheNoticeOnEveryPageAndUnderEverySimulatedImage() {
        List<ReportImage> strip = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            strip.add(new ReportImage("α step " + i, png(Color.RED), null, null, null));
        }
        ReportPdfs pdf = write(strip, null, Locale.ENGLISH);
        assertThat(pdf.pages()).hasSizeGreaterThan(1)
                .allSatisfy(p -> assertThat(p).contains("Simulated — not a diagnostic image", "P-0042"));
        // header of every page + the notice box + one under each of the 40 images
        int notices = pdf.flatText().split("Simulated — not a diagnostic image", -1).length - 1;
        assertThat(notices).isEqualTo(pdf.pages().size() + 1 + 40);
        assertThat(pdf.images()).isEqualTo(1 + 40);
        assertThat(pdf.flatText()).contains("Variation (seed) 5 · closeness to the average (ψ) 0.70")
                .doesNotContain("strength of the change");
    }

    @Test
    void theDocumentInformationNamesTheReportAndTheClinicianButNeverThePatient() {
        ReportPdfs pdf = write(List.of(new ReportImage("Left buccal", png(Color.RED), "initial · Mar 1, 2026",
                png(Color.BLUE), new Comparison(0.7, 21.0, 0.95, 64))), "Erika Mustermann", Locale.GERMAN);
        assertThat(pdf.flatText()).contains("Erika Mustermann", "Gute Übereinstimmung", "Struktur 0,70",
                "04.03.2026", "Simuliert – kein diagnostisches Bild");
        assertThat(pdf.info()).containsEntry("Title", "Fallbericht P-0042").containsEntry("Author", "dr.who")
                .containsEntry("Creator", "IVP Studio").doesNotContainKeys("Subject", "Keywords");
        assertThat(pdf.info().values()).noneMatch(v -> v.contains("Erika") || v.contains("Mustermann"));
        assertThat(pdf.images()).isEqualTo(3);
    }
}

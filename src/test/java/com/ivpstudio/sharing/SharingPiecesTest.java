package com.ivpstudio.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import org.junit.jupiter.api.Test;

/** The small pieces of sharing that need no database: tokens, the patient's image copies, client hints, throttles, grants. */
class SharingPiecesTest {

    private static final com.ivpstudio.language.Translations FILES = new com.ivpstudio.language.Translations();
    private static final PatientText ENGLISH = PatientText.of(FILES, java.util.Locale.ENGLISH);
    private static final PatientText GERMAN = PatientText.of(FILES, java.util.Locale.GERMANY);


    @Test
    void tokensAre192RandomBitsInUrlSafeCharactersAndOnlyTheirHashIsKept() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String t = ShareTokens.newToken();
            assertThat(t).hasSize(32).matches("[A-Za-z0-9_-]{32}");
            assertThat(seen.add(t)).isTrue();
        }
        String t = ShareTokens.newToken();
        assertThat(ShareTokens.hash(t)).hasSize(64).isNotEqualTo(t).doesNotContain(t)
                .isEqualTo(ShareTokens.hash(t)).isNotEqualTo(ShareTokens.hash(t + "x"));
    }

    @Test
    void thePatientsCopyOfAnImageIsAPlainJpegOfThePixelsWithoutTheProvenanceText() throws Exception {
        BufferedImage image = new BufferedImage(40, 24, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 40; x++) {
                image.setRGB(x, y, 0x336699);
            }
        }
        byte[] png = pngWithText(image, "ivp:provenance", "{\"patient\":\"SECRET-CODE\",\"user\":\"clinician\"}");
        assertThat(new String(png, StandardCharsets.ISO_8859_1)).contains("SECRET-CODE");

        byte[] copy = PatientImages.forPatient(png, null);
        assertThat(copy[0] & 0xFF).isEqualTo(0xFF);
        assertThat(copy[1] & 0xFF).isEqualTo(0xD8);
        assertThat(new String(copy, StandardCharsets.ISO_8859_1)).doesNotContain("SECRET-CODE").doesNotContain("clinician");
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(copy));
        assertThat(back.getWidth()).isEqualTo(40);
        assertThat(back.getHeight()).isEqualTo(24);
        int rgb = back.getRGB(20, 12);
        assertThat((rgb >> 16) & 0xFF).isBetween(0x33 - 6, 0x33 + 6);
        assertThat(rgb & 0xFF).isBetween(0x99 - 6, 0x99 + 6);
        assertThat(PatientImages.forPatient(png, null)).isEqualTo(copy);

        BufferedImage wide = ImageIO.read(new ByteArrayInputStream(PatientImages.forPatient(
                pngWithText(new BufferedImage(2000, 1200, BufferedImage.TYPE_INT_RGB), "k", "v"), null)));
        assertThat(wide.getWidth()).isEqualTo(PatientImages.MAX_WIDTH);
        assertThat(wide.getHeight()).isEqualTo(480);
    }

    @Test
    void clientHintsAreOnlyABrowserFamilyAndAKindOfDevice() {
        assertThat(ClientHint.of("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/126.0 Mobile Safari/537.36")).isEqualTo(new ClientHint("Chrome", "phone"));
        assertThat(ClientHint.of("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")).isEqualTo(new ClientHint("Safari", "phone"));
        assertThat(ClientHint.of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/126.0 Safari/537.36 Edg/126.0")).isEqualTo(new ClientHint("Edge", "desktop"));
        assertThat(ClientHint.of("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"))
                .isEqualTo(new ClientHint("Firefox", "desktop"));
        assertThat(ClientHint.of(null)).isEqualTo(new ClientHint("Other", "desktop"));
    }

    @Test
    void waitTimesReadAsWords() {
        assertThat(WaitTime.describe(Duration.ofMillis(200), ENGLISH)).isEqualTo("1 second");
        assertThat(WaitTime.describe(Duration.ofSeconds(42), ENGLISH)).isEqualTo("42 seconds");
        assertThat(WaitTime.describe(Duration.ofSeconds(61), ENGLISH)).isEqualTo("2 minutes");
        assertThat(WaitTime.describe(Duration.ofMinutes(3), ENGLISH)).isEqualTo("3 minutes");
        assertThat(WaitTime.describe(Duration.ofMinutes(3), GERMAN)).isEqualTo("3 Minuten");
        assertThat(WaitTime.describe(Duration.ofSeconds(1), GERMAN)).isEqualTo("1 Sekunde");
    }

    @Test
    void aPasscodeGrantOpensOnlyItsOwnLinkAndOnlyUntilItExpires() {
        PassGrant grants = new PassGrant(SharingPiecesTest::randomKey);
        Instant now = Instant.parse("2026-01-01T10:00:00Z");
        String grant = grants.issue("hash-a", now);
        assertThat(grants.valid(grant, "hash-a", now.plusSeconds(60))).isTrue();
        assertThat(grants.valid(grant, "hash-b", now)).isFalse();
        assertThat(grants.valid(grant, "hash-a", now.plus(PassGrant.LIFETIME).plusSeconds(1))).isFalse();
        assertThat(grants.valid(grant.substring(0, grant.length() - 2) + "xx", "hash-a", now)).isFalse();
        assertThat(grants.valid("9999999999.abc", "hash-a", now)).isFalse();
        assertThat(grants.valid(grant, "hash-a", now)).isTrue();
        assertThat(new PassGrant(SharingPiecesTest::randomKey).valid(grant, "hash-a", now)).isFalse();
    }

    @Test
    void stepCaptionsKeepOnlyTheStepOfTheStudiosLabels() {
        assertThat(PatientWords.step("α = 0.50 · Left buccal")).isEqualTo("α = 0.50");
        assertThat(PatientWords.step("Predicted left")).isEmpty();
    }

    @Test
    void captionsComeFromTheViewInThePatientsBrowserLanguageWithEnglishForOthers() {
        assertThat(ENGLISH.view(image("upper", true))).isEqualTo("Upper teeth");
        assertThat(ENGLISH.view(image("left", false))).isEqualTo("Left side (your photo)");
        assertThat(GERMAN.view(image("left", false))).isEqualTo("Linke Seite (Ihr Foto)");
        assertThat(PatientText.of(FILES, java.util.Locale.forLanguageTag("de-AT")).language()).isEqualTo("de");
        assertThat(PatientText.of(FILES, java.util.Locale.FRENCH).view(image("lower", true))).isEqualTo("Lower teeth");
        assertThat(PatientText.of(FILES, null).language()).isEqualTo("en");
    }

    private static SharedImage image(String view, boolean generated) {
        return new SharedImage(0, view, "image/png", new byte[0], generated);
    }

    @Test
    void theQrCodeIsASquarePng() throws Exception {
        BufferedImage qr = ImageIO.read(new ByteArrayInputStream(QrCode.png("https://example.org/p/abc", 200)));
        assertThat(qr.getWidth()).isEqualTo(qr.getHeight()).isGreaterThanOrEqualTo(200);
    }

    private static byte[] pngWithText(BufferedImage image, String key, String value) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
        IIOMetadataNode text = new IIOMetadataNode("tEXt");
        IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
        entry.setAttribute("keyword", key);
        entry.setAttribute("value", value);
        text.appendChild(entry);
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(text);
        meta.mergeTree("javax_imageio_png_1.0", root);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(new IIOImage(image, null, meta));
        }
        writer.dispose();
        return out.toByteArray();
    }

    static byte[] randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return key;
    }
}

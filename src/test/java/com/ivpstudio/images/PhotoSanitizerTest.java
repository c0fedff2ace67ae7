package com.ivpstudio.images;

import static com.ivpstudio.images.PhotoFixtures.SECRET_COMMENT;
import static com.ivpstudio.images.PhotoFixtures.SECRET_DESCRIPTION;
import static com.ivpstudio.images.PhotoFixtures.chunk;
import static com.ivpstudio.images.PhotoFixtures.comment;
import static com.ivpstudio.images.PhotoFixtures.concat;
import static com.ivpstudio.images.PhotoFixtures.contains;
import static com.ivpstudio.images.PhotoFixtures.exifApp1;
import static com.ivpstudio.images.PhotoFixtures.ihdr;
import static com.ivpstudio.images.PhotoFixtures.insertAfterIhdr;
import static com.ivpstudio.images.PhotoFixtures.insertAfterSoi;
import static com.ivpstudio.images.PhotoFixtures.jpeg;
import static com.ivpstudio.images.PhotoFixtures.jpegMarkers;
import static com.ivpstudio.images.PhotoFixtures.leftRedRightBlue;
import static com.ivpstudio.images.PhotoFixtures.pattern;
import static com.ivpstudio.images.PhotoFixtures.png;
import static com.ivpstudio.images.PhotoFixtures.pngChunkTypes;
import static com.ivpstudio.images.PhotoFixtures.zlib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.ivpstudio.images.PhotoRejectedException.Reason;
import com.ivpstudio.language.TranslationFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhotoSanitizerTest {

    private static final TranslationFiles TRANSLATIONS = new TranslationFiles();

    private final PhotoSanitizer sanitizer = new PhotoSanitizer(PhotoLimits.defaults());

    // ---------------------------------------------------------------- metadata removal

    @Test
    void jpegWithExifGpsAndCommentIsStoredWithoutAnyMetadata() throws IOException {
        byte[] upload = insertAfterSoi(jpeg(pattern(120, 80)), exifApp1(1), comment(SECRET_COMMENT));
        assertThat(jpegMarkers(upload)).contains(0xE1, 0xFE);
        assertThat(contains(upload, "GPS")).isTrue();

        SanitizedPhoto photo = sanitizer.sanitize(upload);

        assertThat(photo.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(jpegMarkers(photo.bytes()))
                .doesNotContain(0xE1, 0xE2, 0xED, 0xFE) // APP1 Exif/XMP, APP2 ICC, APP13 IPTC, COM
                .contains(0xC0)                         // baseline
                .doesNotContain(0xC2);                  // not progressive
        assertThat(contains(photo.bytes(), "Exif")).isFalse();
        assertThat(contains(photo.bytes(), "GPS")).isFalse();
        assertThat(contains(photo.bytes(), "Jane Doe")).isFalse();
        assertThat(contains(photo.bytes(), SECRET_DESCRIPTION)).isFalse();
        assertThat(contains(photo.thumbnail(), "GPS")).isFalse();
        assertThat(jpegMarkers(photo.thumbnail())).doesNotContain(0xE1, 0xFE);

        BufferedImage decoded = read(photo.bytes());
        assertThat(decoded.getWidth()).isEqualTo(120);
        assertThat(decoded.getHeight()).isEqualTo(80);
        assertThat(photo.width()).isEqualTo(120);
        assertThat(photo.height()).isEqualTo(80);
    }

    @Test
    void pngTextChunksAreDroppedAndPixelsKeptExactly() throws IOException {
        BufferedImage original = pattern(64, 48);
        byte[] upload = insertAfterIhdr(png(original),
                chunk("tEXt", ("Comment\0" + SECRET_COMMENT).getBytes(StandardCharsets.ISO_8859_1)),
                chunk("zTXt", concat("Author\0\0".getBytes(StandardCharsets.ISO_8859_1),
                        zlib("Jane Doe".getBytes(StandardCharsets.ISO_8859_1)))),
                chunk("iTXt", "Description\0\0\0\0\0GPS 52.52 13.41".getBytes(StandardCharsets.UTF_8)),
                chunk("tIME", new byte[] {0x07, (byte) 0xEA, 11, 28, 5, 0, 0}));
        assertThat(pngChunkTypes(upload)).contains("tEXt", "zTXt", "iTXt", "tIME");

        SanitizedPhoto photo = sanitizer.sanitize(upload);

        assertThat(photo.format()).isEqualTo(ImageFormat.PNG);
        assertThat(pngChunkTypes(photo.bytes())).containsOnly("IHDR", "IDAT", "IEND");
        assertThat(contains(photo.bytes(), "Jane Doe")).isFalse();
        assertThat(contains(photo.bytes(), "GPS")).isFalse();
        BufferedImage decoded = read(photo.bytes());
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                assertThat(decoded.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(original.getRGB(x, y));
            }
        }
    }

    @Test
    void pngTransparencyIsKeptAsRgba() throws IOException {
        BufferedImage argb = new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x80FF0000);
        argb.setRGB(9, 9, 0xFF00FF00);

        SanitizedPhoto photo = sanitizer.sanitize(png(argb));

        BufferedImage decoded = read(photo.bytes());
        assertThat(decoded.getColorModel().hasAlpha()).isTrue();
        assertThat(decoded.getRGB(0, 0)).isEqualTo(0x80FF0000);
        assertThat(decoded.getRGB(9, 9)).isEqualTo(0xFF00FF00);
        assertThat(decoded.getRGB(5, 5) >>> 24).isZero();
    }

    @Test
    void greyPngKeepsItsGreyLevels() throws IOException {
        BufferedImage grey = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(1, 1, 0, 128);
        grey.getRaster().setSample(2, 2, 0, 200);

        BufferedImage decoded = read(sanitizer.sanitize(png(grey)).bytes());

        assertThat(decoded.getRGB(1, 1) & 0xFFFFFF).isEqualTo(0x808080);
        assertThat(decoded.getRGB(2, 2) & 0xFFFFFF).isEqualTo(0xC8C8C8);
        assertThat(decoded.getRGB(0, 0) & 0xFFFFFF).isZero();
    }

    // ---------------------------------------------------------------- orientation

    @Test
    void exifOrientation6RotatesClockwiseAndSwapsWidthAndHeight() throws IOException {
        byte[] upload = insertAfterSoi(jpeg(leftRedRightBlue(60, 30)), exifApp1(6));

        SanitizedPhoto photo = sanitizer.sanitize(upload);

        assertThat(photo.width()).isEqualTo(30);
        assertThat(photo.height()).isEqualTo(60);
        BufferedImage decoded = read(photo.bytes());
        assertThat(decoded.getWidth()).isEqualTo(30);
        assertThat(decoded.getHeight()).isEqualTo(60);
        assertThat(isReddish(decoded.getRGB(15, 10))).as("top (was left) is red").isTrue();
        assertThat(isBluish(decoded.getRGB(15, 50))).as("bottom (was right) is blue").isTrue();
        assertThat(photo.thumbnailWidth()).isEqualTo(30);
        assertThat(photo.thumbnailHeight()).isEqualTo(60);
    }

    @Test
    void exifOrientation8RotatesCounterClockwise() throws IOException {
        SanitizedPhoto photo = sanitizer.sanitize(insertAfterSoi(jpeg(leftRedRightBlue(60, 30)), exifApp1(8)));

        BufferedImage decoded = read(photo.bytes());
        assertThat(decoded.getWidth()).isEqualTo(30);
        assertThat(isBluish(decoded.getRGB(15, 10))).as("top (was right) is blue").isTrue();
        assertThat(isReddish(decoded.getRGB(15, 50))).as("bottom (was left) is red").isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyOrientationMovesTheCornersAsExifDefines(int orientation) {
        // stored 3x2 image: top-left = 1, top-right = 2, bottom-left = 3, bottom-right = 4
        BufferedImage stored = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        stored.setRGB(0, 0, 1);
        stored.setRGB(2, 0, 2);
        stored.setRGB(0, 1, 3);
        stored.setRGB(2, 1, 4);

        BufferedImage shown = ExifOrientation.apply(stored, orientation);

        int[] expectedCorners = switch (orientation) { // top-left, top-right, bottom-left, bottom-right
            case 1 -> new int[] {1, 2, 3, 4};
            case 2 -> new int[] {2, 1, 4, 3};
            case 3 -> new int[] {4, 3, 2, 1};
            case 4 -> new int[] {3, 4, 1, 2};
            case 5 -> new int[] {1, 3, 2, 4};
            case 6 -> new int[] {3, 1, 4, 2};
            case 7 -> new int[] {4, 2, 3, 1};
            default -> new int[] {2, 4, 1, 3};
        };
        int w = shown.getWidth();
        int h = shown.getHeight();
        assertThat(new int[] {w, h}).isEqualTo(orientation >= 5 ? new int[] {2, 3} : new int[] {3, 2});
        int[] corners = {shown.getRGB(0, 0), shown.getRGB(w - 1, 0), shown.getRGB(0, h - 1), shown.getRGB(w - 1, h - 1)};
        assertThat(Arrays.stream(corners).map(c -> c & 0xFFFFFF).toArray()).isEqualTo(expectedCorners);
    }

    @Test
    void brokenOrInvalidOrientationIsIgnoredNotRefused() {
        byte[] upload = insertAfterSoi(jpeg(pattern(40, 20)), exifApp1(9));

        SanitizedPhoto photo = sanitizer.sanitize(upload);

        assertThat(photo.width()).isEqualTo(40);
        assertThat(photo.height()).isEqualTo(20);
        assertThat(ExifOrientation.read(new byte[] {'I', 'I', 42, 0, (byte) 0xFF, 0, 0, 0}, 0, 8)).isEqualTo(1);
    }

    // ---------------------------------------------------------------- refusals

    @Test
    void truncatedJpegIsRefusedAsCorrupt() {
        byte[] whole = jpeg(pattern(200, 150));
        byte[] truncated = Arrays.copyOf(whole, whole.length * 6 / 10);

        assertRejected(truncated, Reason.CORRUPT, "The image file is damaged or incomplete.");
    }

    @Test
    void jpegMissingOnlyItsEndMarkerIsRefusedAsCorrupt() {
        byte[] whole = jpeg(pattern(200, 150));
        assertThat(whole[whole.length - 1] & 0xFF).isEqualTo(0xD9);

        assertRejected(Arrays.copyOf(whole, whole.length - 2), Reason.CORRUPT, "damaged or incomplete");
    }

    @Test
    void jpegWithOnlyAHeaderIsRefusedAsCorrupt() {
        assertRejected(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, Reason.CORRUPT, "damaged");
        byte[] whole = jpeg(pattern(50, 50));
        assertRejected(Arrays.copyOf(whole, 40), Reason.CORRUPT, "damaged");
    }

    @Test
    void dataAfterTheJpegEndMarkerIsDroppedNotRefused() {
        byte[] withTrailer = concat(jpeg(pattern(50, 40)), "TRAILER Jane Doe".getBytes(StandardCharsets.US_ASCII));

        SanitizedPhoto photo = sanitizer.sanitize(withTrailer);

        assertThat(contains(photo.bytes(), "Jane Doe")).isFalse();
    }

    @Test
    void pngWithoutIendOrWithABadCrcIsRefusedAsCorrupt() {
        byte[] whole = png(pattern(64, 48));
        assertRejected(Arrays.copyOf(whole, whole.length - 12), Reason.CORRUPT, "damaged");
        assertRejected(Arrays.copyOf(whole, whole.length / 2), Reason.CORRUPT, "damaged");
        byte[] badCrc = whole.clone();
        badCrc[45] ^= 0x55; // inside the chunk after IHDR
        assertRejected(badCrc, Reason.CORRUPT, "damaged");
    }

    @Test
    void pngClaiming50000By50000PixelsIsRefusedBeforeAnyDecoding() {
        byte[] bomb = concat(ImageHeaderReader.PNG_SIGNATURE, ihdr(50_000, 50_000, 8, 2),
                chunk("IDAT", new byte[] {0x78, (byte) 0x9C, 1, 2, 3}), chunk("IEND", new byte[0]));
        AtomicInteger decoderCalls = new AtomicInteger();
        PhotoSanitizer watched = new PhotoSanitizer(PhotoLimits.defaults(), (data, format) -> {
            decoderCalls.incrementAndGet();
            return PhotoSanitizer.decodeWithImageIo(data, format);
        });

        PhotoRejectedException e = catchThrowableOfType(() -> watched.sanitize(bomb), PhotoRejectedException.class);

        assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS);
        assertThat(english(e)).contains("50,000 \u00d7 50,000").contains("2,500,000,000").contains("40,000,000");
        assertThat(decoderCalls).hasValue(0);
    }

    @Test
    void jpegWhoseFrameHeaderClaimsTooManyPixelsIsRefusedBeforeDecoding() {
        byte[] jpeg = jpeg(pattern(20, 20));
        int sof = indexOfMarker(jpeg, 0xC0);
        jpeg[sof + 5] = (byte) 0xEA; // height 60,000
        jpeg[sof + 6] = (byte) 0x60;
        jpeg[sof + 7] = (byte) 0xEA; // width 60,000
        jpeg[sof + 8] = (byte) 0x60;
        AtomicInteger decoderCalls = new AtomicInteger();
        PhotoSanitizer watched = new PhotoSanitizer(PhotoLimits.defaults(), (data, format) -> {
            decoderCalls.incrementAndGet();
            throw new AssertionError("decoder must not run");
        });

        assertRejected(watched, jpeg, Reason.TOO_MANY_PIXELS, "60,000 \u00d7 60,000");
        assertThat(decoderCalls).hasValue(0);
    }

    @Test
    void gifIsRefusedAsUnsupported() {
        assertRejected(PhotoFixtures.encode(pattern(10, 10), "gif"), Reason.UNSUPPORTED_FORMAT,
                "Only JPEG and PNG photos are accepted; this file looks like a GIF image.");
    }

    @Test
    void svgIsRefusedAsUnsupported() {
        byte[] svg = ("\uFEFF<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
                + "<script>alert(document.cookie)</script></svg>").getBytes(StandardCharsets.UTF_8);

        assertRejected(svg, Reason.UNSUPPORTED_FORMAT,
                "Only JPEG and PNG photos are accepted; this file looks like an SVG/XML document.");
    }

    @Test
    void textFileNamedJpgIsRefusedAsUnsupported() {
        byte[] text = "This is not a photo, even if it is called scan.jpg\n".getBytes(StandardCharsets.UTF_8);

        assertRejected(text, Reason.UNSUPPORTED_FORMAT, "Only JPEG and PNG photos are accepted; this file looks like text.");
    }

    @Test
    void otherFormatsAreNamedWhereCheap() {
        assertRejected(concat("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1), new byte[20]),
                Reason.UNSUPPORTED_FORMAT, "WebP");
        assertRejected(concat(new byte[] {0, 0, 0, 0x18}, "ftypheic".getBytes(StandardCharsets.ISO_8859_1), new byte[20]),
                Reason.UNSUPPORTED_FORMAT, "HEIC");
        assertRejected(PhotoFixtures.encode(pattern(4, 4), "bmp"), Reason.UNSUPPORTED_FORMAT, "BMP");
        assertRejected(new byte[] {1, 2, 3, 0, (byte) 0x99}, Reason.UNSUPPORTED_FORMAT, "this file type was not recognised.");
    }

    @Test
    void emptyUploadIsRefused() {
        assertRejected(new byte[0], Reason.EMPTY, "The file is empty.");
        assertRejected(null, Reason.EMPTY, "The file is empty.");
    }

    @Test
    void uploadOverTheByteLimitIsRefusedBeforeLookingAtIt() {
        PhotoSanitizer small = new PhotoSanitizer(new PhotoLimits(2048, 0, 0));
        byte[] upload = jpeg(pattern(300, 300));
        assertThat(upload.length).isGreaterThan(2048);

        assertRejected(small, upload, Reason.TOO_LARGE, "the maximum is 2 KB.");
    }

    @Test
    void tooLargeMessageStatesTheLimitInMegabytes() {
        byte[] upload = new byte[(int) PhotoLimits.DEFAULT_MAX_BYTES + 1];

        assertRejected(upload, Reason.TOO_LARGE, "The file is too large (25.1 MB); the maximum is 25 MB.");
    }

    @Test
    void refusalsReadInTheUsersLanguageWithItsNumberFormat() {
        byte[] upload = new byte[(int) PhotoLimits.DEFAULT_MAX_BYTES + 1];
        PhotoRejectedException tooLarge = catchThrowableOfType(() -> sanitizer.sanitize(upload),
                PhotoRejectedException.class);
        assertThat(german(tooLarge)).isEqualTo("Die Datei ist zu groß (25,1 MB); erlaubt sind höchstens 25 MB.");
        PhotoRejectedException pixels = catchThrowableOfType(
                () -> new PhotoSanitizer(new PhotoLimits(0, 100, 0)).sanitize(png(pattern(11, 10))),
                PhotoRejectedException.class);
        assertThat(german(pixels)).isEqualTo("Das Bild hat 11 \u00d7 10 Pixel (110 Pixel); erlaubt sind höchstens 100 Pixel.");
        PhotoRejectedException gif = catchThrowableOfType(
                () -> sanitizer.sanitize(PhotoFixtures.encode(pattern(10, 10), "gif")), PhotoRejectedException.class);
        assertThat(german(gif)).endsWith("diese Datei scheint ein GIF-Bild zu sein.");
        // The log text is the key and the numbers only: no words to translate, nothing from the file.
        assertThat(tooLarge.getMessage()).startsWith("casepage.upload.refused.too-large");
    }

    @Test
    void everyRecognisedFileKindHasItsWordsInEveryLanguage() {
        List<byte[]> kinds = List.of("GIF89a".getBytes(StandardCharsets.ISO_8859_1),
                concat("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1), new byte[20]),
                concat(new byte[] {0, 0, 0, 0x18}, "ftypavif".getBytes(StandardCharsets.ISO_8859_1), new byte[20]),
                concat(new byte[] {0, 0, 0, 0x18}, "ftypheic".getBytes(StandardCharsets.ISO_8859_1), new byte[20]),
                concat(new byte[] {0, 0, 0, 0x18}, "ftypmp42".getBytes(StandardCharsets.ISO_8859_1), new byte[20]),
                "BM".getBytes(StandardCharsets.ISO_8859_1), "II*\0".getBytes(StandardCharsets.ISO_8859_1),
                "8BPS".getBytes(StandardCharsets.ISO_8859_1), "%PDF-1.7".getBytes(StandardCharsets.ISO_8859_1),
                "PK\3\4".getBytes(StandardCharsets.ISO_8859_1), "<svg></svg>".getBytes(StandardCharsets.UTF_8),
                "<!DOCTYPE html><html>".getBytes(StandardCharsets.UTF_8), "<a/>".getBytes(StandardCharsets.UTF_8),
                "hello".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3, 0, (byte) 0x99});
        Set<String> texts = new HashSet<>();
        for (byte[] kind : kinds) {
            PhotoRejectedException e = catchThrowableOfType(() -> sanitizer.sanitize(kind), PhotoRejectedException.class);
            assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT);
            assertThat(english(e)).startsWith("Only JPEG and PNG photos are accepted;").doesNotContain("casepage.");
            assertThat(german(e)).startsWith("Nur JPEG- und PNG-Fotos werden angenommen;").doesNotContain("casepage.");
            texts.add(english(e));
        }
        assertThat(texts).as("each kind its own words").hasSize(kinds.size());
    }

    @Test
    void everyRefusalHasItsOwnClearMessage() {
        Map<Reason, String> messages = new LinkedHashMap<>();
        messages.put(Reason.EMPTY, messageOf(sanitizer, new byte[0]));
        messages.put(Reason.TOO_LARGE, messageOf(new PhotoSanitizer(new PhotoLimits(10, 0, 0)), new byte[11]));
        messages.put(Reason.UNSUPPORTED_FORMAT, messageOf(sanitizer, "hello".getBytes(StandardCharsets.US_ASCII)));
        messages.put(Reason.TOO_MANY_PIXELS, messageOf(new PhotoSanitizer(new PhotoLimits(0, 100, 0)), png(pattern(11, 10))));
        messages.put(Reason.CORRUPT, messageOf(sanitizer, Arrays.copyOf(jpeg(pattern(64, 64)), 300)));

        assertThat(messages).hasSize(Reason.values().length);
        assertThat(messages.values()).doesNotHaveDuplicates()
                .allSatisfy(m -> assertThat(m).isNotBlank().endsWith(".").doesNotContain("Exception").doesNotContain("null"));
        assertThat(messages.get(Reason.TOO_MANY_PIXELS))
                .isEqualTo("The image is 11 \u00d7 10 pixels (110 pixels); the maximum is 100 pixels.");
    }

    @Test
    void jpegWithImageDataCutOutButEndMarkerKeptIsRefusedAsCorrupt() {
        byte[] whole = jpeg(pattern(300, 200));
        int scanStart = indexOfMarker(whole, 0xDA) + 20;
        int cutFrom = scanStart + (whole.length - scanStart) / 3;
        int cutTo = whole.length - 200;
        byte[] gutted = concat(Arrays.copyOf(whole, cutFrom), Arrays.copyOfRange(whole, cutTo, whole.length));

        assertRejected(gutted, Reason.CORRUPT, "The image file is damaged or incomplete.");
        // the structure is intact (the EOI is there): it is the decoder's warning that refuses it
        assertThat(ImageHeaderReader.jpegStructure(gutted)).isNotNull();
        assertThat(catchThrowableOfType(() -> sanitizer.sanitize(gutted), PhotoRejectedException.class))
                .rootCause().hasMessageContaining("decoder reported damage");
    }

    @Test
    void progressiveJpegIsAcceptedAndStoredAsBaseline() throws IOException {
        byte[] progressive = PhotoFixtures.progressiveJpeg(pattern(200, 120));
        assertThat(jpegMarkers(progressive)).contains(0xC2);

        SanitizedPhoto photo = sanitizer.sanitize(progressive);

        assertThat(jpegMarkers(photo.bytes())).contains(0xC0).doesNotContain(0xC2);
        assertThat(read(photo.bytes()).getWidth()).isEqualTo(200);
    }

    @Test
    void cmykJpegIsConvertedToRgb() throws IOException {
        byte[] cmyk = PhotoFixtures.cmykJpeg(64, 64);

        SanitizedPhoto photo = sanitizer.sanitize(cmyk);

        BufferedImage decoded = read(photo.bytes());
        assertThat(decoded.getColorModel().getNumComponents()).isEqualTo(3);
        assertThat(photo.width()).isEqualTo(64);
        assertThat(jpegMarkers(photo.bytes())).doesNotContain(0xEE, 0xE2); // no Adobe APP14, no ICC
    }

    @Test
    void palettePngWithTransparencyKeepsItsAlpha() throws IOException {
        java.awt.image.IndexColorModel palette = new java.awt.image.IndexColorModel(8, 3,
                new byte[] {(byte) 255, 0, 0}, new byte[] {0, (byte) 255, 0}, new byte[] {0, 0, (byte) 255},
                new byte[] {(byte) 255, (byte) 128, 0});
        BufferedImage indexed = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_INDEXED, palette);
        indexed.getRaster().setSample(1, 1, 0, 1);
        indexed.getRaster().setSample(2, 2, 0, 2);
        byte[] upload = png(indexed);
        assertThat(pngChunkTypes(upload)).contains("PLTE", "tRNS");

        BufferedImage decoded = read(sanitizer.sanitize(upload).bytes());

        assertThat(decoded.getRGB(0, 0)).isEqualTo(0xFFFF0000);
        assertThat(decoded.getRGB(1, 1)).isEqualTo(0x8000FF00);
        assertThat(decoded.getRGB(2, 2) >>> 24).isZero();
    }

    // ---------------------------------------------------------------- output properties

    @Test
    void sameInputGivesByteIdenticalOutputAndDigest() {
        byte[] jpegUpload = insertAfterSoi(jpeg(pattern(500, 300)), exifApp1(6), comment(SECRET_COMMENT));
        byte[] pngUpload = png(pattern(200, 100));

        SanitizedPhoto first = sanitizer.sanitize(jpegUpload);
        SanitizedPhoto second = new PhotoSanitizer(PhotoLimits.defaults()).sanitize(jpegUpload.clone());
        SanitizedPhoto firstPng = sanitizer.sanitize(pngUpload);
        SanitizedPhoto secondPng = sanitizer.sanitize(pngUpload.clone());

        assertThat(second.bytes()).isEqualTo(first.bytes());
        assertThat(second.thumbnail()).isEqualTo(first.thumbnail());
        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(second).isEqualTo(first);
        assertThat(secondPng.bytes()).isEqualTo(firstPng.bytes());
        assertThat(secondPng.sha256()).isEqualTo(firstPng.sha256());
    }

    @Test
    void sha256AndSizeDescribeTheStoredBytes() throws Exception {
        SanitizedPhoto photo = sanitizer.sanitize(jpeg(pattern(100, 100)));

        String expected = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(photo.bytes()));
        assertThat(photo.sha256()).isEqualTo(expected).matches("[0-9a-f]{64}");
        assertThat(photo.byteSize()).isEqualTo(photo.bytes().length);
        assertThat(photo.format().contentType()).isEqualTo("image/jpeg");
        assertThat(photo.format().extension()).isEqualTo("jpg");
        assertThat(ImageFormat.PNG.contentType()).isEqualTo("image/png");
    }

    @Test
    void thumbnailIsAJpegWithTheConfiguredLongEdgeAndNeverUpscaled() throws IOException {
        SanitizedPhoto landscape = sanitizer.sanitize(jpeg(pattern(1000, 500)));
        SanitizedPhoto portrait = new PhotoSanitizer(new PhotoLimits(0, 0, 100)).sanitize(png(pattern(300, 900)));
        SanitizedPhoto tiny = sanitizer.sanitize(png(pattern(100, 50)));

        assertThat(new int[] {landscape.thumbnailWidth(), landscape.thumbnailHeight()}).containsExactly(320, 160);
        BufferedImage thumb = read(landscape.thumbnail());
        assertThat(thumb.getWidth()).isEqualTo(320);
        assertThat(thumb.getHeight()).isEqualTo(160);
        assertThat(new int[] {portrait.thumbnailWidth(), portrait.thumbnailHeight()}).containsExactly(33, 100);
        assertThat(read(portrait.thumbnail()).getHeight()).isEqualTo(100);
        assertThat(portrait.thumbnail()[0] & 0xFF).isEqualTo(0xFF); // JPEG even for PNG photos
        assertThat(new int[] {tiny.thumbnailWidth(), tiny.thumbnailHeight()}).containsExactly(100, 50);
    }

    @Test
    void jpegIsDecodedAsTheSameImage() throws IOException {
        BufferedImage original = leftRedRightBlue(64, 64);

        BufferedImage decoded = read(sanitizer.sanitize(jpeg(original)).bytes());

        assertThat(isReddish(decoded.getRGB(10, 32))).isTrue();
        assertThat(isBluish(decoded.getRGB(54, 32))).isTrue();
    }

    // ---------------------------------------------------------------- helpers

    private void assertRejected(byte[] upload, Reason reason, String messagePart) {
        assertRejected(sanitizer, upload, reason, messagePart);
    }

    private static void assertRejected(PhotoSanitizer s, byte[] upload, Reason reason, String messagePart) {
        assertThatThrownBy(() -> s.sanitize(upload))
                .isInstanceOfSatisfying(PhotoRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(english(e)).contains(messagePart);
                });
    }

    /** What an English-speaking user reads. */
    private static String messageOf(PhotoSanitizer s, byte[] upload) {
        return english(catchThrowableOfType(() -> s.sanitize(upload), PhotoRejectedException.class));
    }

    private static String english(PhotoRejectedException e) {
        return TRANSLATIONS.getTranslation(e.messageKey(), Locale.ENGLISH, e.params());
    }

    private static String german(PhotoRejectedException e) {
        return TRANSLATIONS.getTranslation(e.messageKey(), Locale.GERMAN, e.params());
    }

    private static BufferedImage read(byte[] bytes) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(image).as("decodable").isNotNull();
        return image;
    }

    private static int indexOfMarker(byte[] jpeg, int marker) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        throw new AssertionError("marker not found");
    }

    private static boolean isReddish(int rgb) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        return r > 200 && g < 60 && b < 60;
    }

    private static boolean isBluish(int rgb) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        return b > 200 && r < 60 && g < 60;
    }
}

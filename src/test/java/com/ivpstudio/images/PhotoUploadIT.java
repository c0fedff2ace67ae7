package com.ivpstudio.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ivpstudio.IntegrationTest;
import com.ivpstudio.cases.CaseDraft;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.language.TranslationFiles;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;

/** The upload pipeline end to end with real bytes and the real database. */
@IntegrationTest
@WithMockUser(username = "clinician", roles = "CLINICIAN")
class PhotoUploadIT {

    @Autowired
    PhotoService photos;

    @Autowired
    CaseService cases;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PhotoLimits limits;

    long caseId;

    @BeforeEach
    void newCase() {
        CaseDraft d = new CaseDraft();
        d.setPatientCode("UP-" + UUID.randomUUID().toString().substring(0, 8));
        caseId = cases.create(d).id();
    }

    @Test
    void aJpegWithGpsAndACommentIsStoredWithNoMetadataLeft() {
        byte[] upload = PhotoFixtures.insertAfterSoi(PhotoFixtures.jpeg(PhotoFixtures.pattern(300, 200)),
                PhotoFixtures.exifApp1(1), PhotoFixtures.comment(PhotoFixtures.SECRET_COMMENT));
        assertThat(PhotoFixtures.contains(upload, "GPS")).isTrue();

        Photo stored = photos.upload(caseId, details(), upload, "clinician");
        byte[] back = photos.imageBytes(stored.id());

        assertThat(stored.width()).isEqualTo(300);
        assertThat(stored.height()).isEqualTo(200);
        assertThat(stored.sha256()).hasSize(64);
        assertThat(PhotoFixtures.jpegMarkers(back)).doesNotContain(0xE1, 0xFE);
        assertThat(PhotoFixtures.contains(back, "GPS")).isFalse();
        assertThat(PhotoFixtures.contains(back, "Jane Doe")).isFalse();
        assertThat(photos.thumbnail(stored.id())).isNotEmpty();
        assertThat(photos.photosOf(caseId)).extracting(Photo::id).containsExactly(stored.id());
    }

    @Test
    void theSamePhotoTwiceInOneCaseSaysAlreadyUploaded() {
        byte[] upload = PhotoFixtures.png(PhotoFixtures.pattern(64, 48));
        photos.upload(caseId, details(), upload, "clinician");
        long before = countPhotos();

        assertThatThrownBy(() -> photos.upload(caseId, details(), upload, "clinician"))
                .isInstanceOfSatisfying(UserFacingException.class,
                        e -> assertThat(english(e)).contains("already uploaded"));
        assertThat(countPhotos()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedUploads")
    void aRefusedUploadGivesItsOwnMessageAndAddsNoRow(String name, byte[] upload, String expectedMessage) {
        long photoRows = countPhotos();
        long contentRows = jdbc.sql("SELECT count(*) FROM photo_content").query(Long.class).single();

        assertThatThrownBy(() -> photos.upload(caseId, details(), upload, "clinician"))
                .isInstanceOfSatisfying(UserFacingException.class,
                        e -> assertThat(english(e)).contains(expectedMessage));

        assertThat(countPhotos()).isEqualTo(photoRows);
        assertThat(jdbc.sql("SELECT count(*) FROM photo_content").query(Long.class).single()).isEqualTo(contentRows);
    }

    static java.util.stream.Stream<Arguments> refusedUploads() {
        byte[] jpeg = PhotoFixtures.jpeg(PhotoFixtures.pattern(200, 150));
        byte[] hugePng = PhotoFixtures.concat(ImageHeaderReader.PNG_SIGNATURE, PhotoFixtures.ihdr(50_000, 50_000, 8, 2),
                PhotoFixtures.chunk("IDAT", PhotoFixtures.zlib(new byte[16])),
                PhotoFixtures.chunk("IEND", new byte[0]));
        return java.util.stream.Stream.of(
                Arguments.of("truncated JPEG", Arrays.copyOf(jpeg, jpeg.length / 2), "damaged"),
                Arguments.of("PNG claiming 50,000 x 50,000", hugePng, "pixels"),
                Arguments.of("GIF", "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1), "GIF"),
                Arguments.of("SVG", "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8), "SVG"),
                Arguments.of("zero bytes", new byte[0], "empty"),
                Arguments.of("text named .jpg", "just some text, not a photo".getBytes(StandardCharsets.UTF_8), "JPEG and PNG"));
    }

    @Test
    void aFileOverTheByteLimitIsRefusedBeforeAnythingElse() {
        byte[] tooBig = new byte[(int) limits.maxBytes() + 1];
        tooBig[0] = (byte) 0xFF;
        tooBig[1] = (byte) 0xD8;
        tooBig[2] = (byte) 0xFF;
        long before = countPhotos();
        assertThatThrownBy(() -> photos.upload(caseId, details(), tooBig, "clinician"))
                .isInstanceOfSatisfying(UserFacingException.class, e -> assertThat(english(e)).contains("MB"));
        assertThat(countPhotos()).isEqualTo(before);
    }

    @Test
    void aDeletedPhotoIsGoneWithItsBytesAndTheDeletionIsAudited() {
        Photo stored = photos.upload(caseId, details(), PhotoFixtures.png(PhotoFixtures.pattern(320, 240)), "clinician");

        photos.delete(stored.id());

        assertThat(photos.photosOf(caseId)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM photo_content WHERE photo_id = :id").param("id", stored.id())
                .query(Long.class).single()).isZero();
        assertThat(auditCount("PHOTO_DELETED")).isEqualTo(1);
        assertThatThrownBy(() -> photos.delete(stored.id())).isInstanceOf(UserFacingException.class);
    }

    @Test
    void aReplacedPhotoKeepsItsViewLabelAndDateAndTheOldOneIsGone() throws java.io.IOException {
        PhotoDetails d = new PhotoDetails(PhotoKind.LEFT, "month 9", LocalDate.of(2026, 3, 1), false);
        Photo wrong = photos.upload(caseId, d, PhotoFixtures.png(PhotoFixtures.pattern(320, 240)), "clinician");

        Photo right = photos.replace(wrong.id(), new java.io.ByteArrayInputStream(
                PhotoFixtures.jpeg(PhotoFixtures.pattern(640, 480))));

        assertThat(photos.photosOf(caseId)).extracting(Photo::id).containsExactly(right.id());
        assertThat(right.kind()).isEqualTo(PhotoKind.LEFT);
        assertThat(right.label()).isEqualTo("month 9");
        assertThat(right.capturedOn()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(right.width()).isEqualTo(640);
        assertThat(auditCount("PHOTO_REPLACED")).isEqualTo(1);
    }

    @Test
    void aRefusedReplacementChangesNothing() {
        Photo kept = photos.upload(caseId, details(), PhotoFixtures.png(PhotoFixtures.pattern(320, 240)), "clinician");

        assertThatThrownBy(() -> photos.replace(kept.id(), new java.io.ByteArrayInputStream(
                "not a photo".getBytes(StandardCharsets.UTF_8)))).isInstanceOf(UserFacingException.class);
        assertThatThrownBy(() -> photos.replace(kept.id(), new java.io.ByteArrayInputStream(
                photos.imageBytes(kept.id())))).isInstanceOfSatisfying(UserFacingException.class,
                        e -> assertThat(english(e)).contains("same file"));

        assertThat(photos.photosOf(caseId)).extracting(Photo::id).containsExactly(kept.id());
        assertThat(auditCount("PHOTO_REPLACED")).isZero();
    }

    @Test
    void aPhotoUnderTheUsableSizeIsKeptButCountsAsSmall() {
        Photo small = photos.upload(caseId, details(), PhotoFixtures.png(PhotoFixtures.pattern(301, 183)), "clinician");
        Photo fine = photos.upload(caseId, details(), PhotoFixtures.png(PhotoFixtures.pattern(400, Photo.USABLE_SHORT_SIDE)),
                "clinician");
        assertThat(small.isSmall()).isTrue();
        assertThat(fine.isSmall()).isFalse();
    }

    private long auditCount(String action) {
        return jdbc.sql("SELECT count(*) FROM audit_event WHERE case_id = :c AND action = :a")
                .param("c", caseId).param("a", action).query(Long.class).single();
    }

    private long countPhotos() {
        return jdbc.sql("SELECT count(*) FROM photo").query(Long.class).single();
    }

    private static PhotoDetails details() {
        return new PhotoDetails(PhotoKind.FRONT, "initial", LocalDate.of(2026, 1, 5), false);
    }

    /** What an English-speaking user reads. */
    private static String english(UserFacingException e) {
        return e.text((key, params) -> new TranslationFiles().getTranslation(key, java.util.Locale.ENGLISH, params));
    }
}

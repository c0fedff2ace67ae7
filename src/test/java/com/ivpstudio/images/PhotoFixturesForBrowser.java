package com.ivpstudio.images;

/** Real photo bytes for browser tests in other packages. */
public final class PhotoFixturesForBrowser {

    private PhotoFixturesForBrowser() {
    }

    public static byte[] smallJpeg() {
        return PhotoFixtures.insertAfterSoi(PhotoFixtures.jpeg(PhotoFixtures.pattern(500, 300)),
                PhotoFixtures.exifApp1(1), PhotoFixtures.comment(PhotoFixtures.SECRET_COMMENT));
    }
}

package com.ivpstudio.images;

/** Real photo bytes for browser tests in other packages. */
public final class PhotoFixturesForBrowser {

    private PhotoFixturesForBrowser() {
    }

    /** A camera-sized photo (several MB: random detail does not compress), to prove large uploads stream through. */
    public static byte[] largeJpeg() {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(2400, 1440, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return PhotoFixtures.jpeg(img);
    }

    /** A stored photo scaled to width × height, as a JPEG. */
    public static byte[] scaledJpeg(byte[] photo, int width, int height) {
        return PhotoFixtures.jpeg(PhotoFixtures.scaled(PhotoFixtures.read(photo), width, height));
    }

    public static byte[] smallJpeg() {
        return PhotoFixtures.insertAfterSoi(PhotoFixtures.jpeg(PhotoFixtures.pattern(500, 300)),
                PhotoFixtures.exifApp1(1), PhotoFixtures.comment(PhotoFixtures.SECRET_COMMENT));
    }
}

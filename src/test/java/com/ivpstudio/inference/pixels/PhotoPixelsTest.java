package com.ivpstudio.inference.pixels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ivpstudio.images.PhotoFixtures;
import com.ivpstudio.common.UserFacingException;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PhotoPixelsTest {

    @Test
    void theSubsamplingFactorBringsTheLongSideToTheLimit() {
        assertThat(PhotoPixels.subsampling(640, 384)).isEqualTo(1);
        assertThat(PhotoPixels.subsampling(2048, 100)).isEqualTo(1);
        assertThat(PhotoPixels.subsampling(2049, 10)).isEqualTo(2);
        assertThat(PhotoPixels.subsampling(4000, 3000)).isEqualTo(2);
        assertThat(PhotoPixels.subsampling(5500, 7300)).isEqualTo(4);
    }

    @Test
    void aLargePhotoIsReadSubsampledWithItsFramingKept() throws IOException {
        BufferedImage img = PhotoPixels.decode(PhotoFixtures.encode(PhotoFixtures.leftRedRightBlue(5000, 600), "png"));
        assertThat(img.getWidth()).isEqualTo(1667);
        assertThat(img.getHeight()).isEqualTo(200);
        assertThat(new Color(img.getRGB(10, 100))).isEqualTo(Color.RED);
        assertThat(new Color(img.getRGB(1650, 100))).isEqualTo(Color.BLUE);
    }

    @Test
    void aPhotoWithinTheLimitIsReadExactlyAsStored() throws IOException {
        byte[] jpeg = PhotoFixtures.encode(PhotoFixtures.leftRedRightBlue(640, 384), "jpg");
        BufferedImage ours = PhotoPixels.decode(jpeg);
        BufferedImage plain = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(ours.getWidth()).isEqualTo(640);
        assertThat(ours.getRGB(0, 0, 640, 384, null, 0, 640)).isEqualTo(plain.getRGB(0, 0, 640, 384, null, 0, 640));
    }

    @Test
    void unreadableBytesGetAClearMessage() {
        assertThatThrownBy(() -> PhotoPixels.decode(new byte[] {1, 2, 3, 4, 5}))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("cannot be read");
    }
}

package com.ivpstudio.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class PhotoLimitsTest {

    @Test
    void unsetValuesTakeTheDefaults() {
        PhotoLimits limits = bind(Map.of());

        assertThat(limits.maxBytes()).isEqualTo(25L * 1024 * 1024);
        assertThat(limits.maxPixels()).isEqualTo(40_000_000L);
        assertThat(limits.thumbnailSize()).isEqualTo(320);
        assertThat(limits).isEqualTo(PhotoLimits.defaults());
    }

    @Test
    void propertiesUnderIvpPhotosAreBound() {
        PhotoLimits limits = bind(Map.of("ivp.photos.max-bytes", "1048576", "ivp.photos.max-pixels", "1000000",
                "ivp.photos.thumbnail-size", "200"));

        assertThat(limits).isEqualTo(new PhotoLimits(1_048_576, 1_000_000, 200));
    }

    @Test
    void onlySomePropertiesSetKeepsTheOtherDefaults() {
        PhotoLimits limits = bind(Map.of("ivp.photos.thumbnail-size", "256"));

        assertThat(limits).isEqualTo(new PhotoLimits(PhotoLimits.DEFAULT_MAX_BYTES, PhotoLimits.DEFAULT_MAX_PIXELS, 256));
    }

    @Test
    void negativeLimitsAreAConfigurationError() {
        assertThatThrownBy(() -> new PhotoLimits(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-bytes=-1");
    }

    private static PhotoLimits bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("ivp.photos", Bindable.of(PhotoLimits.class));
    }
}

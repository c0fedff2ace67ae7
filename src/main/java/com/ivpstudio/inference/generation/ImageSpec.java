package com.ivpstudio.inference.generation;

import com.ivpstudio.inference.ViewKind;
import com.ivpstudio.inference.runtime.GeneratorBatcher;

/** One image to make: its generator row and the provenance fields that vary per image. */
public record ImageSpec(GeneratorBatcher.Row row, ViewKind view, Long seed, Double alpha, Double k, Double t,
        String mode) {

    static ImageSpec of(GeneratorBatcher.Row row, ViewKind view, long seed) {
        return new ImageSpec(row, view, seed, null, null, null, null);
    }
}

package com.ivpstudio.inference.generation;

import java.util.List;

/**
 * One request's images, in the order they are returned: the inputs named in every image's provenance, the ψ used
 * and one {@link ImageSpec} per image.
 */
public record ImagePlan(List<String> inputs, float psi, List<ImageSpec> specs) {
}

package com.ivpstudio.inference.generation;

import com.ivpstudio.inference.OodScore;
import java.util.List;

/**
 * One request's images, in the order they are returned: the inputs named in every image's provenance, the ψ used,
 * one {@link ImageSpec} per image and the out-of-distribution score of the photo the images start from (null when the
 * model has no such check or the input is not a photo).
 */
public record ImagePlan(List<String> inputs, float psi, List<ImageSpec> specs, OodScore ood) {
}

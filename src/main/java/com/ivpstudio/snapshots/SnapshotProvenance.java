package com.ivpstudio.snapshots;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.inference.Provenance;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A snapshot's provenance document ({@value #FORMAT}): model, operation, inputs, seed, ψ, the user's settings,
 * who and when, and every image's own provenance — enough to regenerate it.
 *
 * @param model the provenance of the first generated image: the one model every generated image must come from
 */
record SnapshotProvenance(Provenance model, String json) {

    static final String FORMAT = "ivp-snapshot-1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Refuses images of several models and sets with no generated image (nothing would name the model). */
    static SnapshotProvenance of(PatientCase c, String title, SnapshotKind kind, String operation,
            List<SnapshotImage> images, List<String> imageShas, Map<String, ?> parameters, String user, Instant at) {
        Provenance model = images.stream().filter(SnapshotImage::isGenerated)
                .map(i -> Provenance.fromJson(i.provenanceJson())).findFirst()
                .orElseThrow(() -> new UserFacingException("Only generated results can be saved as snapshots."));

        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("title", title);
        root.put("kind", kind.name().toLowerCase(Locale.ROOT));
        root.put("operation", operation);
        ObjectNode caseNode = root.putObject("case");
        caseNode.put("id", c.id());
        caseNode.put("patient_code", c.patientCode());
        ObjectNode modelNode = root.putObject("model");
        modelNode.put("id", model.bundleId());
        modelNode.put("version", model.bundleVersion());
        modelNode.put("sha256", model.bundleSha256());
        ObjectNode params = root.putObject("parameters");
        Set<String> inputs = new LinkedHashSet<>();
        Set<Long> seeds = new LinkedHashSet<>();
        Set<Double> psis = new LinkedHashSet<>();
        for (SnapshotImage i : images) {
            if (i.isGenerated()) {
                Provenance p = Provenance.fromJson(i.provenanceJson());
                if (!p.bundleSha256().equals(model.bundleSha256())) {
                    throw new UserFacingException("These images come from different models and cannot be saved together.");
                }
                inputs.addAll(p.inputs());
                if (p.seed() != null) {
                    seeds.add(p.seed());
                }
                seeds.addAll(p.seeds());
                psis.add(p.psi());
            }
        }
        params.set("inputs", JSON.valueToTree(inputs));
        if (seeds.size() == 1) {
            params.put("seed", seeds.iterator().next());
        } else {
            params.set("seeds", JSON.valueToTree(seeds));
        }
        if (psis.size() == 1) {
            params.put("psi", psis.iterator().next());
        }
        if (parameters != null) {
            parameters.forEach((k, v) -> params.set(k, JSON.valueToTree(v)));
        }
        root.put("created_by", user);
        root.put("created_at", at.toString());
        ArrayNode list = root.putArray("images");
        for (int n = 0; n < images.size(); n++) {
            SnapshotImage i = images.get(n);
            ObjectNode node = list.addObject();
            node.put("position", i.position());
            node.put("label", i.label());
            node.put("view", i.view());
            node.put("content_type", i.contentType());
            node.put("sha256", imageShas.get(n));
            node.set("provenance", readTree(i.provenanceJson()));
        }
        return new SnapshotProvenance(model, write(root));
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("provenance is not JSON", e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

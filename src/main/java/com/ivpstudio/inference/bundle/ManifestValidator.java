package com.ivpstudio.inference.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The manifest checks of docs/model-bundle.md steps 2–3: the JSON-Schema subset of manifest.schema.json and the
 * semantic checks, with the canonical error texts (the shared vectors in docs/model-bundle/vectors match on them).
 * The schema is docs/model-bundle/manifest.schema.json itself, put on the classpath by the pom.
 */
public final class ManifestValidator {

    static final String SCHEMA_RESOURCE = "/model-bundle/manifest.schema.json";
    static final List<String> VIEW_ORDER = List.of("left", "right", "lower", "upper");

    private final JsonNode schema;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    public ManifestValidator(JsonNode schema) {
        this.schema = schema;
    }

    /** The validator for the schema shipped with the app. */
    public static ManifestValidator standard() {
        try (InputStream in = ManifestValidator.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            return new ManifestValidator(Json.MAPPER.readTree(in == null ? ManifestSchema.JSON
                    : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Schema errors, then (only if none) semantic errors; empty when valid. */
    public List<String> errors(JsonNode manifest) {
        List<String> errs = schemaErrors(manifest);
        return errs.isEmpty() ? semanticErrors(manifest) : errs;
    }

    /** The refusal message {@code invalid manifest: <error>; <error>…}, or null when valid. */
    public String refusal(JsonNode manifest) {
        List<String> errs = errors(manifest);
        return errs.isEmpty() ? null : "invalid manifest: " + String.join("; ", errs);
    }

    public List<String> schemaErrors(JsonNode manifest) {
        List<String> errs = new ArrayList<>();
        validate(manifest, schema, "$", errs);
        return errs;
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("only local $ref supported: " + ref);
        }
        JsonNode node = schema;
        for (String part : ref.substring(2).split("/")) {
            node = node.get(part);
        }
        return node;
    }

    private void validate(JsonNode value, JsonNode s, String path, List<String> errs) {
        if (s.has("$ref")) {
            validate(value, resolve(s.get("$ref").asText()), path, errs);
            return;
        }
        JsonNode t = s.get("type");
        if (t != null) {
            List<String> types = new ArrayList<>();
            if (t.isArray()) {
                t.forEach(x -> types.add(x.asText()));
            } else {
                types.add(t.asText());
            }
            if (types.stream().noneMatch(x -> typeOk(value, x))) {
                errs.add(path + ": expected type " + String.join("|", types));
                return;
            }
        }
        if (s.has("const") && !jsonEquals(value, s.get("const"))) {
            errs.add(path + ": must equal " + pythonJson(s.get("const")));
        }
        if (s.has("enum")) {
            boolean found = false;
            for (JsonNode e : s.get("enum")) {
                found |= jsonEquals(value, e);
            }
            if (!found) {
                errs.add(path + ": must be one of " + pythonJson(s.get("enum")));
            }
        }
        if (value.isTextual()) {
            String str = value.asText();
            if (s.has("minLength") && str.codePointCount(0, str.length()) < s.get("minLength").asInt()) {
                errs.add(path + ": shorter than " + s.get("minLength") + " characters");
            }
            if (s.has("pattern")) {
                String p = s.get("pattern").asText();
                if (!patterns.computeIfAbsent(p, Pattern::compile).matcher(str).find()) {
                    errs.add(path + ": does not match pattern " + p);
                }
            }
        }
        if (typeOk(value, "number")) {
            BigDecimal v = value.decimalValue();
            if (s.has("minimum") && v.compareTo(s.get("minimum").decimalValue()) < 0) {
                errs.add(path + ": must be >= " + s.get("minimum"));
            }
            if (s.has("exclusiveMinimum") && v.compareTo(s.get("exclusiveMinimum").decimalValue()) <= 0) {
                errs.add(path + ": must be > " + s.get("exclusiveMinimum"));
            }
            if (s.has("maximum") && v.compareTo(s.get("maximum").decimalValue()) > 0) {
                errs.add(path + ": must be <= " + s.get("maximum"));
            }
        }
        if (value.isArray()) {
            int n = value.size();
            if (s.has("minItems") && n < s.get("minItems").asInt()) {
                errs.add(path + ": must have at least " + s.get("minItems") + " items");
            }
            if (s.has("maxItems") && n > s.get("maxItems").asInt()) {
                errs.add(path + ": must have at most " + s.get("maxItems") + " items");
            }
            if (s.path("uniqueItems").asBoolean(false)) {
                Set<String> seen = new HashSet<>();
                boolean dup = false;
                for (JsonNode item : value) {
                    dup |= !seen.add(canonical(item));
                }
                if (dup) {
                    errs.add(path + ": items must be unique");
                }
            }
            if (s.has("items")) {
                for (int i = 0; i < n; i++) {
                    validate(value.get(i), s.get("items"), path + "[" + i + "]", errs);
                }
            }
        }
        if (value.isObject()) {
            if (s.has("required")) {
                for (JsonNode req : s.get("required")) {
                    if (!value.has(req.asText())) {
                        errs.add(path + ": missing required property '" + req.asText() + "'");
                    }
                }
            }
            JsonNode props = s.path("properties");
            JsonNode additional = s.get("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (props.has(e.getKey())) {
                    validate(e.getValue(), props.get(e.getKey()), path + "." + e.getKey(), errs);
                } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                    errs.add(path + ": unknown property '" + e.getKey() + "'");
                } else if (additional != null && additional.isObject()) {
                    validate(e.getValue(), additional, path + "." + e.getKey(), errs);
                }
            }
        }
    }

    static boolean typeOk(JsonNode v, String type) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            case "integer" -> v.isIntegralNumber()
                    || (v.isFloatingPointNumber() && isIntegral(v.decimalValue()));
            case "number" -> v.isNumber();
            default -> throw new IllegalArgumentException("unsupported type " + type);
        };
    }

    private static boolean isIntegral(BigDecimal d) {
        return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    }

    /** JSON equality with numbers compared by value (1 equals 1.0), as Python compares parsed JSON. */
    static boolean jsonEquals(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!jsonEquals(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!b.has(k) || !jsonEquals(a.get(k), b.get(k))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static String canonical(JsonNode n) {
        if (n.isObject()) {
            List<String> keys = new ArrayList<>();
            n.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            StringBuilder b = new StringBuilder("{");
            for (String k : keys) {
                b.append(pythonJson(Json.MAPPER.getNodeFactory().textNode(k))).append(':').append(canonical(n.get(k))).append(',');
            }
            return b.append('}').toString();
        }
        if (n.isArray()) {
            StringBuilder b = new StringBuilder("[");
            n.forEach(x -> b.append(canonical(x)).append(','));
            return b.append(']').toString();
        }
        return pythonJson(n);
    }

    /** JSON as Python's json.dumps writes it (", " and ": " separators, non-ASCII escaped). */
    static String pythonJson(JsonNode n) {
        if (n.isArray()) {
            List<String> parts = new ArrayList<>();
            n.forEach(x -> parts.add(pythonJson(x)));
            return "[" + String.join(", ", parts) + "]";
        }
        if (n.isObject()) {
            List<String> parts = new ArrayList<>();
            n.fields().forEachRemaining(e -> parts.add(
                    pythonJson(Json.MAPPER.getNodeFactory().textNode(e.getKey())) + ": " + pythonJson(e.getValue())));
            return "{" + String.join(", ", parts) + "}";
        }
        if (n.isTextual()) {
            StringBuilder b = new StringBuilder("\"");
            for (char c : n.asText().toCharArray()) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    case '\b' -> b.append("\\b");
                    case '\f' -> b.append("\\f");
                    default -> {
                        if (c < 0x20 || c > 0x7e) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            return b.append('"').toString();
        }
        return n.toString();
    }

    /** Checks the schema cannot express; run only on a schema-valid manifest. */
    public List<String> semanticErrors(JsonNode m) {
        List<String> errs = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (JsonNode f : m.get("files")) {
            listed.add(f.get("path").asText());
        }
        String[][] refs = {{"encoder", "file"}, {"text", "encoder_file"}, {"text", "tokenizer_file"},
                {"generator", "mapping_file"}, {"generator", "synthesis_file"}};
        for (String[] r : refs) {
            String f = m.get(r[0]).get(r[1]).asText();
            if (!listed.contains(f)) {
                errs.add("$." + r[0] + "." + r[1] + ": file not listed in $.files: " + f);
            }
        }
        List<String> views = new ArrayList<>();
        ((ArrayNode) m.get("generator").get("views")).forEach(v -> views.add(v.asText()));
        if (!views.equals(VIEW_ORDER)) {
            errs.add("$.generator.views: must be [\"left\",\"right\",\"lower\",\"upper\"] in this order");
        }
        JsonNode dtypes = m.get("encoder").get("input_dtypes");
        if (dtypes != null && !dtypes.toString().contains("\"float32\"")) {
            errs.add("$.encoder.input_dtypes: must include \"float32\"");
        }
        for (JsonNode f : m.get("files")) {
            String p = f.get("path").asText();
            if (isUnsafe(p)) {
                errs.add("$.files: unsafe path " + p);
            }
        }
        JsonNode pre = m.get("encoder").get("preprocessing");
        if (pre != null && pre.get("resize").get("size").asDouble() != m.get("encoder").get("input_size").asDouble()) {
            errs.add("$.encoder.preprocessing.resize.size: must equal $.encoder.input_size");
        }
        errs.addAll(oodErrors(m, listed));
        JsonNode source = m.get("source");
        if (source != null && "reference-import".equals(source.get("kind").asText())) {
            Set<String> roles = new HashSet<>();
            source.path("files").forEach(f -> roles.add(f.get("role").asText()));
            if (!roles.containsAll(List.of("network", "clip"))) {
                errs.add("$.source.files: a reference import must name its network and clip files");
            }
        }
        return errs;
    }

    /**
     * The ood section's statistics file is listed, has the embedding's dimension and holds exactly mean[dim] +
     * precision[dim*dim] float32 values (its listed size; the file itself is checked against that size later); the
     * same for the optional picture check, whose module must be listed too and whose names (if given) name each
     * statistic; the optional orientation check's module must be listed.
     */
    private static List<String> oodErrors(JsonNode m, Set<String> listed) {
        JsonNode ood = m.get("ood");
        if (ood == null) {
            return List.of();
        }
        String file = ood.get("file").asText();
        if (!listed.contains(file)) {
            return List.of("$.ood.file: file not listed in $.files: " + file);
        }
        List<String> errs = new ArrayList<>();
        if (ood.get("dim").asDouble() != m.get("encoder").get("embedding_dim").asDouble()) {
            errs.add("$.ood.dim: must equal $.encoder.embedding_dim");
        }
        errs.addAll(statisticsSizeErrors(m, ood, "$.ood"));
        if (ood.has("picture")) {
            errs.addAll(pictureErrors(m, ood.get("picture"), listed));
        }
        JsonNode orientation = ood.get("orientation");
        if (orientation != null && !listed.contains(orientation.get("module").asText())) {
            errs.add("$.ood.orientation.module: file not listed in $.files: " + orientation.get("module").asText());
        }
        return errs;
    }

    private static List<String> pictureErrors(JsonNode m, JsonNode picture, Set<String> listed) {
        for (String key : List.of("module", "file")) {
            if (!listed.contains(picture.get(key).asText())) {
                return List.of("$.ood.picture." + key + ": file not listed in $.files: " + picture.get(key).asText());
            }
        }
        List<String> errs = new ArrayList<>(statisticsSizeErrors(m, picture, "$.ood.picture"));
        if (picture.has("names") && picture.get("names").size() != picture.get("dim").asDouble()) {
            errs.add("$.ood.picture.names: must name each of the dim statistics");
        }
        return errs;
    }

    private static List<String> statisticsSizeErrors(JsonNode m, JsonNode check, String path) {
        String file = check.get("file").asText();
        long dim = check.get("dim").asLong();
        long expected = 4 * (dim + dim * dim);
        for (JsonNode f : m.get("files")) {
            if (f.get("path").asText().equals(file) && f.get("size").asLong() != expected) {
                return List.of(path + ".file: size must be 4*(dim+dim*dim) = " + expected + " bytes");
            }
        }
        return List.of();
    }

    static boolean isUnsafe(String p) {
        return p.startsWith("/") || List.of(p.split("/", -1)).contains("..") || p.contains("\\");
    }
}

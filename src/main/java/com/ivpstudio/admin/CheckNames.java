package com.ivpstudio.admin;

import com.ivpstudio.closeness.Words;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain name of a model bundle check for the administrator. The loader, self-test and upload name their checks
 * technically ("golden mapping.pt b4"); those names stay as they are in the audit trail and the log, and the screen
 * shows this name with the technical one underneath.
 */
final class CheckNames {

    /** Checks with a fixed technical name, to the last part of their translation key. */
    private static final Map<String, String> FIXED = Map.ofEntries(
            Map.entry("upload", "upload"),
            Map.entry("zip safety", "zip-safety"),
            Map.entry("zip", "zip"),
            Map.entry("bundle", "bundle"),
            Map.entry("manifest", "manifest"),
            Map.entry("manifest schema", "manifest-schema"),
            Map.entry("z generator", "z-generator"),
            Map.entry("display aspect", "display-aspect"),
            Map.entry("ood statistics", "ood-statistics"),
            Map.entry("tokenizer", "tokenizer"),
            Map.entry("golden", "golden"),
            Map.entry("tokenizer vectors", "tokenizer-vectors"),
            Map.entry("z vectors", "z-vectors"),
            Map.entry("ood vectors", "ood-vectors"),
            Map.entry("ood picture vectors", "ood-picture-vectors"),
            Map.entry("registry", "registry"));

    /** Checks named after a file or a module and batch size: "load x.pt", "golden x.pt b4 uint8", ... */
    private static final Pattern FILE = Pattern.compile("(load|file) (.+)");
    private static final Pattern MODULE = Pattern.compile("(golden|shape) (\\S+) b(\\d+)( uint8)?");

    private CheckNames() {
    }

    static String plain(String technical, Words words) {
        String fixed = FIXED.get(technical);
        if (fixed != null) {
            return words.get("admin.models.check." + fixed);
        }
        Matcher file = FILE.matcher(technical);
        if (file.matches()) {
            return words.get("admin.models.check." + file.group(1), file.group(2));
        }
        Matcher module = MODULE.matcher(technical);
        if (module.matches()) {
            String kind = module.group(1).equals("shape") ? "shape"
                    : module.group(4) == null ? "golden-run" : "golden-bytes";
            return words.get("admin.models.check." + kind, module.group(2), Integer.parseInt(module.group(3)));
        }
        return words.get("admin.models.check.other");
    }
}

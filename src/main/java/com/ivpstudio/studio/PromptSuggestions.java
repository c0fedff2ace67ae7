package com.ivpstudio.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.phantom.Captions;
import com.ivpstudio.phantom.DemoPatients;
import com.ivpstudio.phantom.PhantomPatient;
import com.ivpstudio.phantom.ReferencePairs;
import com.ivpstudio.phantom.Treatment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Prompts the model can read: captions written by the phantom's caption templates (the text the demo model was
 * trained on), kept only when every word is in the active bundle's tokenizer vocabulary.
 */
@Component
public class PromptSuggestions {

    private static final Logger log = LoggerFactory.getLogger(PromptSuggestions.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A "from → to" pair of prompts (a text nudge direction). */
    public record Direction(String name, String from, String to) {
    }

    private final Map<String, Set<String>> vocabByBundle = new ConcurrentHashMap<>();
    private volatile List<String> captions;
    private volatile List<Direction> directions;

    /** The words of the bundle's tokenizer (WordLevel vocab), or the phantom caption vocabulary. */
    public Set<String> vocabulary(BundleInfo bundle) {
        if (bundle == null) {
            return new TreeSet<>(Captions.vocabulary());
        }
        return vocabByBundle.computeIfAbsent(bundle.sha256(), k -> readVocabulary(bundle.location()));
    }

    /** Words worth suggesting: letters only, from the bundle's vocabulary. */
    public List<String> words(BundleInfo bundle) {
        return vocabulary(bundle).stream().filter(w -> w.matches("[a-z]{2,}")).sorted().toList();
    }

    public List<String> prompts(BundleInfo bundle, int limit) {
        Set<String> vocab = vocabulary(bundle);
        return captions().stream().filter(c -> readable(c, vocab)).limit(limit).toList();
    }

    public List<Direction> directions(BundleInfo bundle) {
        Set<String> vocab = vocabulary(bundle);
        return directions().stream().filter(d -> readable(d.from(), vocab) && readable(d.to(), vocab)).toList();
    }

    static boolean readable(String text, Set<String> vocab) {
        if (text.isBlank()) {
            return false;
        }
        for (String w : text.toLowerCase(Locale.ROOT).split("[\\s,.;:]+")) {
            if (!w.isEmpty() && !vocab.contains(w)) {
                return false;
            }
        }
        return true;
    }

    private List<String> captions() {
        List<String> c = captions;
        if (c == null) {
            Set<String> all = new LinkedHashSet<>();
            // short phrases of the captions first (one finding each), then whole captions
            Set<String> whole = new LinkedHashSet<>();
            for (DemoPatients.Demo d : DemoPatients.all()) {
                List<PhantomPatient> stages = Treatment.stages(d.patient(), 5);
                for (PhantomPatient p : List.of(stages.get(0), stages.get(2), stages.get(4))) {
                    String caption = Captions.caption(p);
                    whole.add(caption);
                    for (String phrase : caption.split(",\\s*")) {
                        all.add(phrase.strip());
                    }
                }
            }
            all.addAll(whole);
            all.removeIf(String::isBlank);
            c = captions = List.copyOf(all);
        }
        return c;
    }

    private List<Direction> directions() {
        List<Direction> d = directions;
        if (d == null) {
            List<Direction> list = new ArrayList<>();
            for (ReferencePairs.Pair p : ReferencePairs.all()) {
                String from = Captions.caption(p.beforePatient());
                String to = Captions.caption(p.afterPatient());
                if (!from.isBlank() && !to.isBlank() && !from.equals(to)) {
                    list.add(new Direction(p.name, from, to));
                }
            }
            d = directions = List.copyOf(list);
        }
        return d;
    }

    private static Set<String> readVocabulary(Path location) {
        try {
            if (location != null && Files.isDirectory(location)) {
                JsonNode manifest = JSON.readTree(location.resolve("manifest.json").toFile());
                String file = manifest.path("text").path("tokenizer_file").asText("tokenizer.json");
                JsonNode vocab = JSON.readTree(location.resolve(file).toFile()).path("model").path("vocab");
                Set<String> words = new TreeSet<>();
                if (vocab.isObject()) {
                    Iterator<String> it = vocab.fieldNames();
                    it.forEachRemaining(words::add);
                } else if (vocab.isArray()) {
                    vocab.forEach(v -> words.add(v.isArray() ? v.get(0).asText() : v.asText()));
                }
                words.removeIf(w -> w.startsWith("[") || w.startsWith("<"));
                if (!words.isEmpty()) {
                    return words;
                }
            }
        } catch (Exception e) {
            log.warn("Could not read the tokenizer vocabulary of the active bundle ({}); using the caption vocabulary",
                    e.toString());
        }
        return new TreeSet<>(Arrays.asList(Captions.vocabulary().toArray(String[]::new)));
    }
}

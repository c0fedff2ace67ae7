package com.ivpstudio.sharing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.ivpstudio.inference.Hashing;
import org.springframework.stereotype.Component;

/**
 * The patient page's scripts (the vanilla scrubber and swipe of frontend/scripts, served under /p/ so the page
 * depends on nothing of the staff app) and its Content-Security-Policy. The policy allows no inline script at all;
 * inline styles only by hash: the page's own style sheet and the style blocks of the two elements' templates.
 */
@Component
class PatientPageAssets {

    static final List<String> SCRIPTS = List.of("ivp-scrubber.js", "ivp-swipe.js", "ivp-patient-page.js");
    private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);

    private final Map<String, byte[]> scripts;
    private final String policy;

    PatientPageAssets() {
        Map<String, byte[]> found = new java.util.HashMap<>();
        List<String> styleHashes = new ArrayList<>();
        styleHashes.add(hash(PatientPageHtml.CSS));
        for (String name : SCRIPTS) {
            byte[] bytes = read("META-INF/resources/scripts/" + name);
            found.put(name, bytes);
            Matcher m = STYLE.matcher(new String(bytes, StandardCharsets.UTF_8));
            while (m.find()) {
                styleHashes.add(hash(m.group(1)));
            }
        }
        this.scripts = Map.copyOf(found);
        this.policy = "default-src 'none'; script-src 'self'; style-src " + String.join(" ", styleHashes)
                + "; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    }

    String contentSecurityPolicy() {
        return policy;
    }

    Optional<byte[]> script(String name) {
        return Optional.ofNullable(scripts.get(name));
    }

    private static String hash(String css) {
        MessageDigest d = Hashing.sha256Digest();
        return "'sha256-" + Base64.getEncoder().encodeToString(d.digest(css.getBytes(StandardCharsets.UTF_8))) + "'";
    }

    private static byte[] read(String resource) {
        try (InputStream in = PatientPageAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource + " (frontend/scripts on the class path)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

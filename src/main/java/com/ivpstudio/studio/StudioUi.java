package com.ivpstudio.studio;

import com.ivpstudio.closeness.Words;
import com.ivpstudio.images.Photo;
import com.ivpstudio.images.PhotoKind;
import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.inference.GeneratedImage;
import com.ivpstudio.inference.ViewKind;
import com.ivpstudio.language.UserFormats;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import elemental.json.Json;
import elemental.json.JsonArray;
import elemental.json.JsonObject;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntFunction;

/** Small shared pieces of the studio screens. */
final class StudioUi {

    private StudioUi() {
    }

    static String dataUrl(byte[] bytes, String contentType) {
        return "data:" + contentType + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    static String png(GeneratedImage g) {
        return dataUrl(g.png(), "image/png");
    }

    /** A view's name in the reader's language. */
    static String viewLabel(ViewKind v, Words words) {
        return words.get(kindOf(v).translationKey());
    }

    /** A view's name, from its manifest name ("left", "front"), in the reader's language. */
    static String viewLabel(String manifestName, Words words) {
        if (manifestName == null) {
            return words.get("studiotools.strip.image");
        }
        if (manifestName.equals("front")) {
            return words.get(PhotoKind.FRONT.translationKey());
        }
        return viewLabel(ViewKind.valueOf(manifestName.toUpperCase(Locale.ROOT)), words);
    }

    static PhotoKind kindOf(ViewKind v) {
        return switch (v) {
            case LEFT -> PhotoKind.LEFT;
            case RIGHT -> PhotoKind.RIGHT;
            case UPPER -> PhotoKind.UPPER;
            case LOWER -> PhotoKind.LOWER;
        };
    }

    /** The alt text of a simulated image: which view, whose (when a patient's), and which step. */
    static String alt(String view, String patientCode, String what, Words words) {
        return patientCode == null ? words.get("studiotools.strip.alt", view, what)
                : words.get("studiotools.strip.alt-of", view, patientCode, what);
    }

    /** A photo as choices and captions name it: kind, label and date, in the reader's language and date format. */
    static String photoLabel(Photo p, Words words, Locale locale) {
        return words.get(p.kind().translationKey()) + " · " + p.label() + " · "
                + UserFormats.date(p.capturedOn(), locale);
    }

    /** The latest FRONT photo (by date, then id), else the latest photo. */
    static Optional<Photo> latestFront(List<Photo> photos) {
        Comparator<Photo> newest = Comparator.comparing(Photo::capturedOn).thenComparingLong(Photo::id);
        return photos.stream().filter(p -> p.kind() == PhotoKind.FRONT).max(newest)
                .or(() -> photos.stream().max(newest));
    }

    static Span simulatedBadge(Words words) {
        Span s = new Span(words.get("studio.simulated"));
        s.addClassName("simulated-badge");
        s.setTitle(words.get("studio.simulated.help"));
        return s;
    }

    static String modelLine(BundleInfo b, Words words) {
        return words.get(b.synthetic() ? "studio.model.line.synthetic" : "studio.model.line", b.name(), b.version(),
                b.sha256().substring(0, 12));
    }

    /** Said instead of any studio control while no model bundle is active (no fake images). */
    static Component noModelNotice(boolean admin, Words words) {
        Div box = new Div();
        box.addClassName("no-model-notice");
        box.setId("no-model");
        Span icon = new Span(VaadinIcon.INFO_CIRCLE.create());
        Paragraph p = new Paragraph(words.get("studio.no-model") + " "
                + words.get(admin ? "studio.no-model.admin" : "studio.no-model.user"));
        box.add(icon, p);
        if (admin) {
            Anchor link = new Anchor("admin/models", words.get("studio.no-model.link"));
            link.setId("model-management-link");
            box.add(link);
        }
        return box;
    }

    /**
     * Frames for {@code <ivp-scrubber>}: {@code images} in engine order (step-major, four views in class order),
     * one step label per step, and the real photo shown in the centre while a step shows (null: none). Each image's
     * caption names the patient its own provenance (and mark) names, so captions and marks cannot disagree.
     */
    static JsonArray frames(List<GeneratedImage> images, List<String> stepLabels, IntFunction<RealPhoto> frontOfStep,
            Words words) {
        int per = ViewKind.ALL.size();
        JsonArray steps = Json.createArray();
        for (int s = 0; s < stepLabels.size(); s++) {
            JsonObject step = Json.createObject();
            step.put("label", stepLabels.get(s));
            JsonArray imgs = Json.createArray();
            for (int v = 0; v < per; v++) {
                GeneratedImage g = images.get(s * per + v);
                String code = g.provenance().patientCode();
                JsonObject im = Json.createObject();
                im.put("view", g.view().manifestName());
                im.put("src", png(g));
                String view = viewLabel(g.view(), words);
                im.put("alt", alt(view, code, stepLabels.get(s), words));
                im.put("label", view + (code == null ? "" : " · " + code));
                imgs.set(v, im);
            }
            step.put("images", imgs);
            RealPhoto front = frontOfStep.apply(s);
            if (front != null) {
                step.put("front", front.json());
            }
            steps.set(s, step);
        }
        return steps;
    }

    static String number(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.endsWith("0") && s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}

package com.ivpstudio.studio;

import com.ivpstudio.images.PhotoReferences;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.images.Photo;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.inference.GeneratedImage;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.inference.Sampling;
import com.ivpstudio.inference.ViewKind;
import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.security.CurrentUser;
import com.ivpstudio.snapshots.SnapshotImage;
import com.ivpstudio.snapshots.SnapshotKind;
import com.ivpstudio.snapshots.SnapshotService;
import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Text-prompt studio: a prompt → four views, and a "from → to" prompt pair as a nudge direction for this
 * patient's photo. Zero-shot and unreliable, and the screen says so.
 */
@Route("studio/text/:caseId(\\d+)")
@PermitAll
public class TextStudioView extends CaseStudioView {

    private final JobBar viewsJob;
    private final JobBar nudgeJob;

    private final PromptHistoryService promptHistory;
    private final PromptSuggestions promptSuggestions;
    private final SnapshotService snapshots;
    private final AuditLog audit;

    public TextStudioView(CaseService cases, PhotoService photoService, InferenceService inference,
            CurrentUser currentUser, StudioJobs jobs, PromptHistoryService promptHistory,
            PromptSuggestions promptSuggestions, SnapshotService snapshots, AuditLog audit) {
        super(cases, photoService, inference, currentUser, "studio.title.text");
        this.promptHistory = promptHistory;
        this.promptSuggestions = promptSuggestions;
        this.snapshots = snapshots;
        this.audit = audit;
        this.viewsJob = new JobBar(jobs, "text");
        this.nudgeJob = new JobBar(jobs, "text-nudge");
    }

    @Override
    protected void build(BundleInfo bundle) {
        add(new CautionNote("zero-shot-warning", getTranslation("studiotools.text.zero.shot")));
        add(promptToViews(bundle), fromToNudge(bundle), vocabulary(bundle));
    }

    // ------------------------------------------------------------------ prompt → views

    private Div promptToViews(BundleInfo bundle) {
        TextField prompt = new TextField(getTranslation("studiotools.text.prompt"));
        prompt.setId("prompt");
        prompt.setWidth("min(640px, 90vw)");
        prompt.setMaxLength(PromptHistoryService.MAX_PROMPT);
        prompt.setPlaceholder(getTranslation("studiotools.text.prompt.placeholder"));
        prompt.setHelperText(getTranslation("studiotools.text.prompt.helper"));
        prompt.setClearButtonVisible(true);
        IntegerField seed = seedField("text-seed");
        Button go = new Button(getTranslation("studiotools.text.generate"), VaadinIcon.MAGIC.create());
        go.setId("text-generate");
        Span coverageNote = new Span();
        coverageNote.setId("prompt-coverage");
        coverageNote.addClassName("prompt-coverage");
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div grid = new Div();
        grid.addClassName("view-grid");
        grid.setId("text-views");
        Button save = new Button(getTranslation("studiotools.text.save"), VaadinIcon.BOOKMARK.create());
        save.setId("text-save");
        save.setVisible(false);
        List<GeneratedImage> shown = new ArrayList<>();
        String[] shownPrompt = {""};
        Div history = chips("text-history", getTranslation("studiotools.text.recent"),
                promptHistory.recent(PromptHistoryService.Kind.VIEWS, 8), prompt::setValue);
        Div suggestions = chips("text-suggestions", getTranslation("studiotools.text.suggestions"),
                promptSuggestions.prompts(bundle, 10), prompt::setValue);

        go.addClickListener(e -> {
            String text = prompt.getValue().strip();
            if (text.isEmpty()) {
                prompt.setInvalid(true);
                prompt.setErrorMessage(getTranslation("studiotools.text.empty"));
                return;
            }
            PromptCoverage coverage = PromptCoverage.of(text, promptSuggestions.vocabulary(bundle));
            showCoverage(coverageNote, coverage);
            if (coverage.matchedNothing()) {
                prompt.setInvalid(true);
                prompt.setErrorMessage(getTranslation("studiotools.text.nothing.known.short"));
                return;
            }
            prompt.setInvalid(false);
            promptHistory.remember(PromptHistoryService.Kind.VIEWS, text);
            long s = seed.getValue() == null ? 0 : seed.getValue();
            go.setEnabled(false);
            audit.record(AuditAction.TEXT_PROMPT_USED, patient.id(), "text-views", promptAudit(coverage) + " · seed " + s);
            // not a prediction for this patient: no patient code on the images or in their provenance
            viewsJob.run(getTranslation("studiotools.text.drawing"), null,
                    ctx -> inference.textViews(text, Sampling.seed(s), ctx), images -> {
                        shown.clear();
                        shown.addAll(images);
                        shownPrompt[0] = text;
                        grid.removeAll();
                        for (ViewKind v : List.of(ViewKind.UPPER, ViewKind.LEFT, ViewKind.RIGHT, ViewKind.LOWER)) {
                            GeneratedImage g = images.stream().filter(x -> x.view() == v).findFirst().orElseThrow();
                            Image img = new Image(StudioUi.png(g), getTranslation("studiotools.text.alt",
                                    StudioUi.viewLabel(v, this::getTranslation), text));
                            img.addClassName("predicted-img");
                            img.getElement().setAttribute("data-view", v.manifestName());
                            Div stack = new Div(img);
                            stack.addClassName("cell-stack");
                            grid.add(cell(v.manifestName(), stack, getTranslation("studiotools.text.caption",
                                    StudioUi.viewLabel(v, this::getTranslation), abbreviate(text))));
                        }
                        Paragraph p = new Paragraph("“" + text + "”");
                        p.addClassName("prompt-quote");
                        Span notPatient = new Span(getTranslation("studiotools.text.not.patient"));
                        notPatient.addClassName("not-a-patient");
                        Div center = new Div(p, notPatient);
                        center.addClassNames("view-cell", "cell-front", "prompt-cell");
                        grid.add(center);
                        save.setVisible(true);
                        history.removeAll();
                        fillChips(history, getTranslation("studiotools.text.recent"),
                                promptHistory.recent(PromptHistoryService.Kind.VIEWS, 8), prompt::setValue);
                    }, () -> go.setEnabled(true));
        });
        save.addClickListener(e -> {
            List<SnapshotImage> imgs = new ArrayList<>();
            for (GeneratedImage g : shown) {
                imgs.add(SnapshotImage.generated(imgs.size(), getTranslation("studiotools.text.caption",
                        StudioUi.viewLabel(g.view(), this::getTranslation), abbreviate(shownPrompt[0])), g));
            }
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("prompt", shownPrompt[0]);
            params.put("zero_shot", true);
            new SaveSnapshotDialog(snapshots, patient.id(), SnapshotKind.VIEWS, "text-views",
                    getTranslation("studio.text.snapshot-title", abbreviate(shownPrompt[0])), imgs, params).open();
        });
        HorizontalLayout row = new HorizontalLayout(prompt, seed, go);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.setWrap(true);
        Div section = new Div(new H3(getTranslation("studiotools.text.views.title")), row, coverageNote, suggestions, history, viewsJob, grid,
                save);
        section.addClassName("studio-section");
        return section;
    }

    // ------------------------------------------------------------------ from → to nudge

    private Div fromToNudge(BundleInfo bundle) {
        Div section = new Div(new H3(getTranslation("studiotools.text.nudge.title")));
        section.addClassName("studio-section");
        List<Photo> photos = photos();
        if (photos.isEmpty()) {
            section.add(emptyCase());
            return section;
        }
        Photo front = StudioUi.latestFront(photos).orElse(photos.get(0));
        Select<Photo> base = photoSelect(getTranslation("studiotools.nudge.base", patient.patientCode()), "text-base",
                photos, front);
        section.add(UnfamiliarPhotoWarning.following(inference, photoService, base));
        TextField from = new TextField(getTranslation("studiotools.text.from"));
        from.setId("prompt-from");
        from.setWidth("min(420px, 90vw)");
        from.setPlaceholder(getTranslation("studiotools.text.from.placeholder"));
        TextField to = new TextField(getTranslation("studiotools.text.to"));
        to.setId("prompt-to");
        to.setWidth("min(420px, 90vw)");
        to.setPlaceholder(getTranslation("studiotools.text.to.placeholder"));
        Div directions = new Div(new Span(getTranslation("studiotools.text.directions")));
        directions.addClassName("chips");
        directions.setId("text-directions");
        for (PromptSuggestions.Direction d : promptSuggestions.directions(bundle).stream().limit(6).toList()) {
            Button b = new Button(d.name(), e -> {
                from.setValue(d.from());
                to.setValue(d.to());
            });
            b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_CONTRAST);
            b.getElement().setAttribute("title", d.from() + " → " + d.to());
            directions.add(b);
        }
        List<String> recentFrom = promptHistory.recent(PromptHistoryService.Kind.FROM, 4);
        List<String> recentTo = promptHistory.recent(PromptHistoryService.Kind.TO, 4);
        Div history = new Div();
        if (!recentFrom.isEmpty() || !recentTo.isEmpty()) {
            history = chips("text-nudge-history", getTranslation("studiotools.text.recent.from"), recentFrom, from::setValue);
            fillChips(history, getTranslation("studiotools.text.recent.to"), recentTo, to::setValue);
        }
        AlphaRange alphas = new AlphaRange();
        IntegerField seed = seedField("text-nudge-seed");
        Span nudgeCoverage = new Span();
        nudgeCoverage.setId("text-nudge-coverage");
        nudgeCoverage.addClassName("prompt-coverage");
        Button go = new Button(getTranslation("studiotools.nudge.compute"), VaadinIcon.PLAY.create());
        go.setId("text-nudge-compute");
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        StripResult result = new StripResult(snapshots, patient, "text-nudge");
        go.addClickListener(e -> {
            String f = from.getValue().strip();
            String t = to.getValue().strip();
            if (f.isEmpty() || t.isEmpty()) {
                Notification.show(getTranslation("studiotools.text.both"), 4000, Notification.Position.TOP_CENTER);
                return;
            }
            double[] a;
            try {
                a = alphas.values();
            } catch (UserFacingException ex) {
                Notification.show(ex.getMessage(), 4000, Notification.Position.TOP_CENTER);
                return;
            }
            Photo b = base.getValue();
            PromptCoverage fromCoverage = PromptCoverage.of(f, promptSuggestions.vocabulary(bundle));
            PromptCoverage toCoverage = PromptCoverage.of(t, promptSuggestions.vocabulary(bundle));
            for (PromptCoverage c : List.of(fromCoverage, toCoverage)) {
                if (c.matchedNothing()) {
                    showCoverage(nudgeCoverage, c);
                    return;
                }
            }
            nudgeCoverage.setText("");
            promptHistory.remember(PromptHistoryService.Kind.FROM, f);
            promptHistory.remember(PromptHistoryService.Kind.TO, t);
            long s = seed.getValue() == null ? 0 : seed.getValue();
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("base_photo_id", b.id());
            params.put("from", f);
            params.put("to", t);
            params.put("alphas", a);
            params.put("zero_shot", true);
            result.clear();
            go.setEnabled(false);
            audit.record(AuditAction.TEXT_PROMPT_USED, patient.id(), "text-nudge", "photo " + b.id() + " · from "
                    + promptAudit(fromCoverage) + " · to " + promptAudit(toCoverage) + " · α " + a[0] + "…"
                    + a[a.length - 1] + " (" + a.length + ") · seed " + s);
            nudgeJob.run(getTranslation("studiotools.nudge.computing", a.length), patient.patientCode(), ctx -> {
                return inference.textNudge(PhotoReferences.of(photoService, b), f, t, a, Sampling.seed(s), ctx);
            }, images -> {
                List<String> labels = new ArrayList<>();
                for (double x : a) {
                    labels.add(AlphaRange.label(x));
                }
                result.show(images, labels, a.length - 1, "text-nudge", "Text nudge: " + abbreviate(f) + " → "
                        + abbreviate(t), params, new RealPhoto(thumbnailSrc(b),
                                getTranslation("studiotools.nudge.base.alt", patient.patientCode()),
                                getTranslation("studiotools.nudge.base.caption")));
            }, () -> go.setEnabled(true));
        });
        HorizontalLayout prompts = new HorizontalLayout(from, to);
        prompts.setWrap(true);
        HorizontalLayout run = new HorizontalLayout(seed, go, nudgeJob);
        run.setAlignItems(FlexComponent.Alignment.BASELINE);
        section.add(base, prompts, nudgeCoverage, directions, history, alphas, run, result);
        return section;
    }

    private Details vocabulary(BundleInfo bundle) {
        List<String> words = promptSuggestions.words(bundle);
        Paragraph p = new Paragraph(String.join(" · ", words));
        p.addClassName("vocabulary");
        Details d = new Details(getTranslation("studiotools.text.vocabulary", words.size()), p);
        d.setId("vocabulary");
        return d;
    }

    // ------------------------------------------------------------------ helpers

    /** Says in plain words how much of a prompt the model could read (never silent about a gibberish prompt). */
    private void showCoverage(Span note, PromptCoverage c) {
        note.removeClassName("nothing-known");
        note.removeClassName("warning-text");
        if (c.matchedNothing()) {
            note.setText(getTranslation("studiotools.text.nothing.known", c.words()));
            note.addClassName("nothing-known");
        } else if (c.unknown().isEmpty()) {
            note.setText(getTranslation("studiotools.text.all.known", c.words()));
        } else {
            note.setText(getTranslation("studiotools.text.some.unknown", c.known().size(), c.words(),
                    String.join(", ", c.unknown())));
            if (c.mostlyUnknown()) {
                note.addClassName("warning-text");
            }
        }
    }

    /**
     * What the audit keeps of a prompt: how many words and how many the model knew, never the text, which a
     * clinician may have typed a patient's name or other details into.
     */
    static String promptAudit(PromptCoverage c) {
        return c.words() + " words, " + c.known().size() + " known";
    }

    private IntegerField seedField(String id) {
        IntegerField seed = new IntegerField(getTranslation("studiotools.seed"));
        seed.setTooltipText(getTranslation("studiotools.seed.tooltip"));
        seed.setId(id);
        seed.setValue(0);
        seed.setMin(0);
        seed.setStepButtonsVisible(true);
        seed.setWidth("8em");
        return seed;
    }

    private static Div chips(String id, String title, List<String> items, Consumer<String> onPick) {
        Div d = new Div();
        d.setId(id);
        d.addClassName("chips");
        fillChips(d, title, items, onPick);
        return d;
    }

    private static void fillChips(Div d, String title, List<String> items, Consumer<String> onPick) {
        if (items.isEmpty()) {
            return;
        }
        d.add(new Span(title));
        for (String s : items) {
            Button b = new Button(abbreviate(s), e -> onPick.accept(s));
            b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            b.getElement().setAttribute("title", s);
            b.addClassName("chip");
            d.add(b);
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "…";
    }

    private Div cell(String view, Div stack, String label) {
        Span l = new Span(label);
        l.addClassName("cell-label");
        Div caption = new Div(l, StudioUi.simulatedBadge(this::getTranslation));
        caption.addClassName("cell-caption");
        Div cell = new Div(stack, caption);
        cell.addClassNames("view-cell", "cell-" + view);
        cell.getElement().setAttribute("data-view", view);
        return cell;
    }
}

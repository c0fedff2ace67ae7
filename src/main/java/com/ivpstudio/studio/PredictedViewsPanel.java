package com.ivpstudio.studio;

import com.ivpstudio.images.PhotoReferences;
import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.images.Photo;
import com.ivpstudio.images.PhotoKind;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.inference.Comparison;
import com.ivpstudio.inference.GeneratedImage;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.inference.PhotoReference;
import com.ivpstudio.inference.SpreadResult;
import com.ivpstudio.inference.ViewKind;
import com.ivpstudio.security.CurrentUser;
import com.ivpstudio.snapshots.SnapshotImage;
import com.ivpstudio.snapshots.SnapshotKind;
import com.ivpstudio.snapshots.SnapshotService;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.router.RouterLink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The case page's "Predicted views": from one front photo the four other views in anatomical layout (upper
 * occlusal on top; left / front (the real photo) / right; lower occlusal at the bottom), with seed, ψ, more
 * variations, an uncertainty overlay and, where real photos of those views exist, a comparison.
 */
class PredictedViewsPanel extends Div {

    static final int SPREAD_SEEDS = 8;

    private final PhotoService photoService;
    private final InferenceService inference;
    private final SnapshotService snapshots;
    private final PatientCase patient;
    private final List<Photo> photos;
    private final Select<Photo> frontSelect = new Select<>();
    private final IntegerField seed = new IntegerField("Seed");
    private final NumberField psi = new NumberField("ψ (truncation)");
    private final Checkbox uncertainty = new Checkbox("Uncertainty overlay");
    private final Button newSeed = new Button("New seed", VaadinIcon.RANDOM.create());
    private final Button variations = new Button("More variations", VaadinIcon.GRID_SMALL.create());
    private final Select<Integer> variationCount = new Select<>();
    private final Button compare = new Button("Compare with real photos", VaadinIcon.SPLIT_H.create());
    private final Button save = new Button("Save snapshot", VaadinIcon.BOOKMARK.create());
    private final JobBar job;
    private final Div grid = new Div();
    private final Div extra = new Div();
    private final Span spreadInfo = new Span();
    private final Map<ViewKind, Image> images = new EnumMap<>(ViewKind.class);
    private final Map<ViewKind, Image> heat = new EnumMap<>(ViewKind.class);
    private final AuditLog audit;
    private List<GeneratedImage> current = List.of();
    private boolean started;

    PredictedViewsPanel(PhotoService photoService, InferenceService inference, StudioJobs jobs,
            CurrentUser currentUser, SnapshotService snapshots, AuditLog audit, PatientCase patient) {
        this.audit = audit;
        this.photoService = photoService;
        this.inference = inference;
        this.snapshots = snapshots;
        this.patient = patient;
        this.photos = photoService.photosOf(patient.id());
        this.job = new JobBar(jobs, "predict");
        addClassName("studio-panel");
        setId("predicted-views");
        setWidthFull();

        H3 title = new H3("Predicted views");
        HorizontalLayout head = new HorizontalLayout(title, StudioUi.simulatedBadge());
        head.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(head);

        Optional<BundleInfo> bundle = inference.activeBundle();
        if (bundle.isEmpty()) {
            add(StudioUi.noModelNotice(currentUser.isAdmin()));
            return;
        }
        Paragraph intro = new Paragraph("The four other intraoral views, predicted from one front photo. "
                + "Simulations for discussion, not diagnostic images. " + StudioUi.modelLine(bundle.get()) + ".");
        intro.addClassName("studio-intro");
        add(intro);

        List<Photo> fronts = photos.stream().filter(p -> p.kind() == PhotoKind.FRONT)
                .sorted(Comparator.comparing(Photo::capturedOn).thenComparingLong(Photo::id).reversed()).toList();
        if (fronts.isEmpty()) {
            Paragraph none = new Paragraph("Upload a front photo to see the predicted views.");
            none.setId("no-front-photo");
            none.addClassName("studio-empty");
            add(none);
            return;
        }

        frontSelect.setLabel("Front photo");
        frontSelect.setId("front-photo");
        frontSelect.setItems(fronts);
        frontSelect.setItemLabelGenerator(StudioUi::photoLabel);
        frontSelect.setValue(fronts.get(0));
        seed.setId("seed");
        seed.setValue(0);
        seed.setMin(0);
        seed.setStepButtonsVisible(true);
        seed.setWidth("9em");
        seed.setHelperText("Same seed → same images");
        psi.setId("psi");
        psi.setMin(0);
        psi.setMax(2);
        psi.setStep(0.1);
        psi.setStepButtonsVisible(true);
        psi.setValue(bundle.get().defaultPsi());
        psi.setWidth("9em");
        psi.setHelperText("lower = closer to average");
        newSeed.setId("new-seed");
        variations.setId("more-variations");
        uncertainty.setId("uncertainty");
        compare.setId("compare");
        save.setId("save-views");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setEnabled(false);

        HorizontalLayout controls = new HorizontalLayout(frontSelect, seed, newSeed, psi, uncertainty);
        controls.addClassName("studio-controls");
        controls.setAlignItems(FlexComponent.Alignment.BASELINE);
        controls.setWrap(true);
        boolean anyReal = photos.stream().anyMatch(p -> p.kind() != PhotoKind.FRONT);
        variationCount.setItems(3, 4, 6, 8);
        variationCount.setValue(4);
        variationCount.setId("variation-count");
        variationCount.setWidth("8em");
        variationCount.setItemLabelGenerator(n -> n + " seeds");
        variationCount.getElement().setAttribute("aria-label", "Number of variations");
        HorizontalLayout actions = new HorizontalLayout(variationCount, variations, save);
        actions.setAlignItems(FlexComponent.Alignment.BASELINE);
        if (anyReal) {
            actions.addComponentAtIndex(2, compare);
        }
        actions.setWrap(true);
        actions.add(links());
        add(controls, actions, job);
        if (bundle.get().zDim() == 0) {
            hideSeedControls();
        }

        grid.addClassName("view-grid");
        grid.setId("view-grid");
        buildGrid(fronts.get(0));
        spreadInfo.addClassName("spread-info");
        spreadInfo.setId("spread-info");
        add(grid, spreadInfo, extra);
        extra.addClassName("studio-extra");

        frontSelect.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                buildGrid(e.getValue());
                predict();
            }
        });
        seed.addValueChangeListener(e -> {
            if (e.getValue() != null && e.isFromClient()) {
                predict();
            }
        });
        psi.addValueChangeListener(e -> {
            if (e.getValue() != null && e.isFromClient()) {
                predict();
            }
        });
        newSeed.addClickListener(e -> {
            seed.setValue(ThreadLocalRandom.current().nextInt(1, 100_000));
            predict();
        });
        uncertainty.addValueChangeListener(e -> {
            if (e.getValue()) {
                spread();
            } else {
                heat.values().forEach(i -> i.setVisible(false));
                spreadInfo.setText("");
            }
        });
        variations.addClickListener(e -> variations());
        compare.addClickListener(e -> compare());
        save.addClickListener(e -> saveViews());
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        if (!started && frontSelect.getValue() != null) {
            started = true;
            predict();
        }
    }

    private Component links() {
        RouterLink nudge = new RouterLink("Nudge studio", NudgeStudioView.class, StudioRoutes.caseParams(patient.id()));
        RouterLink text = new RouterLink("Text prompts", TextStudioView.class, StudioRoutes.caseParams(patient.id()));
        RouterLink explore = new RouterLink("Norm & interpolation", ExplorerView.class, StudioRoutes.caseParams(patient.id()));
        nudge.setId("open-nudge");
        text.setId("open-text");
        explore.setId("open-explore");
        Div d = new Div(new Span("Explore: "), nudge, new Span(" · "), text, new Span(" · "), explore);
        d.addClassName("studio-links");
        return d;
    }

    private void buildGrid(Photo front) {
        grid.removeAll();
        images.clear();
        heat.clear();
        for (ViewKind v : List.of(ViewKind.UPPER, ViewKind.LEFT, ViewKind.RIGHT, ViewKind.LOWER)) {
            Image img = new Image();
            img.addClassName("predicted-img");
            img.getElement().setAttribute("data-view", v.manifestName());
            img.setAlt(StudioUi.alt(v, patient.patientCode(), "predicting"));
            img.setVisible(false);
            Image h = new Image();
            h.addClassName("heat-img");
            h.setAlt("Uncertainty heat map of the " + StudioUi.viewLabel(v).toLowerCase(Locale.ROOT) + " view");
            h.setVisible(false);
            images.put(v, img);
            heat.put(v, h);
            Span waiting = new Span("Predicting…");
            waiting.addClassName("cell-waiting");
            Div stack = new Div(waiting, img, h);
            stack.addClassName("cell-stack");
            grid.add(cell(v.manifestName(), stack, StudioUi.viewLabel(v) + " · " + patient.patientCode(),
                    StudioUi.simulatedBadge()));
        }
        Image frontImg = new Image(StudioUi.dataUrl(photoService.thumbnail(front.id()), "image/jpeg"),
                "Real front photo of " + patient.patientCode() + " (" + front.label() + ")");
        frontImg.addClassName("front-img");
        Div stack = new Div(frontImg);
        stack.addClassName("cell-stack");
        Span real = new Span("Real photo");
        real.addClassName("real-badge");
        grid.add(cell("front", stack, "Front · " + front.label() + " (input)", real));
    }

    private static Div cell(String view, Component stack, String label, Component badge) {
        Span l = new Span(label);
        l.addClassName("cell-label");
        Div caption = new Div(l, badge);
        caption.addClassName("cell-caption");
        Div cell = new Div(stack, caption);
        cell.addClassNames("view-cell", "cell-" + view);
        cell.getElement().setAttribute("data-view", view);
        return cell;
    }

    /**
     * A model without a random input (z_dim 0, as CLIP-IVP's reference models: its training never feeds z) draws
     * one answer per photo: seeds, variations and the uncertainty map would all show the same images, so they are
     * hidden and the reason is said.
     */
    private void hideSeedControls() {
        seed.setVisible(false);
        newSeed.setVisible(false);
        uncertainty.setVisible(false);
        variationCount.setVisible(false);
        variations.setVisible(false);
        Paragraph why = new Paragraph("This model has no random input: it draws one answer per photo, so there are "
                + "no seeds, variations or uncertainty map to show.");
        why.setId("deterministic-model");
        why.addClassName("studio-intro");
        addComponentAtIndex(indexOf(job), why);
    }

    private long seedValue() {
        return seed.getValue() == null ? 0 : seed.getValue();
    }

    private Double psiValue() {
        return psi.getValue();
    }

    /** The front photo for the engine, which embeds it under the same hold on the model as its views. */
    private PhotoReference reference(Photo photo) {
        return PhotoReferences.of(photoService, photo);
    }

    private void predict() {
        Photo front = frontSelect.getValue();
        long s = seedValue();
        Double p = psiValue();
        save.setEnabled(false);
        extra.removeAll();
        heat.values().forEach(i -> i.setVisible(false));
        spreadInfo.setText("");
        grid.getElement().setAttribute("state", "running");
        audit.record(AuditAction.VIEWS_PREDICTED, patient.id(), "photo " + front.id(), "seed " + s + " · ψ " + p);
        job.run("Predicting the four views", patient.patientCode(), ctx -> {
            return inference.predictViews(reference(front), ViewKind.ALL, List.of(s), p, ctx);
        }, r -> {
            current = r;
            for (GeneratedImage g : current) {
                Image img = images.get(g.view());
                img.setSrc(StudioUi.png(g));
                img.setAlt(StudioUi.alt(g.view(), patient.patientCode(), "seed " + s));
                img.setVisible(true);
            }
            grid.getElement().setAttribute("state", "done");
            grid.getElement().setAttribute("seed", Long.toString(s));
            save.setEnabled(true);
            if (uncertainty.getValue()) {
                spread();
            }
        });
    }

    private void spread() {
        if (current.isEmpty()) {
            return;
        }
        Photo front = frontSelect.getValue();
        long s = seedValue();
        Double p = psiValue();
        List<Long> seeds = seedsAfter(s, 0, 1, SPREAD_SEEDS);
        job.run("Computing the uncertainty over " + SPREAD_SEEDS + " seeds", patient.patientCode(), ctx -> {
            PhotoReference e = reference(front);
            Map<ViewKind, SpreadResult> out = new EnumMap<>(ViewKind.class);
            for (ViewKind v : ViewKind.ALL) {
                out.put(v, inference.spread(e, v, seeds, p, ctx));
            }
            return out;
        }, r -> {
            StringBuilder info = new StringBuilder("Uncertainty: per-pixel spread over " + SPREAD_SEEDS
                    + " seeds (dark = stable, bright = the model is unsure). Mean spread: ");
            r.forEach((v, sr) -> {
                Image h = heat.get(v);
                h.setSrc(StudioUi.png(sr.heatMap()));
                h.setVisible(uncertainty.getValue());
                info.append(StudioUi.viewLabel(v)).append(' ')
                        .append(String.format(Locale.ROOT, "%.1f", sr.meanStd())).append(", ");
            });
            spreadInfo.setText(info.substring(0, info.length() - 2) + " (pixel levels, 0–255).");
        });
    }

    /** {@code count} seeds: base + first, base + first + step, … */
    private static List<Long> seedsAfter(long base, long first, long step, int count) {
        List<Long> seeds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            seeds.add(base + first + i * step);
        }
        return seeds;
    }

    private void variations() {
        if (current.isEmpty()) {
            return;
        }
        Photo front = frontSelect.getValue();
        long s = seedValue();
        Double p = psiValue();
        List<Long> seeds = seedsAfter(s, 101, 101, variationCount.getValue() == null ? 4 : variationCount.getValue());
        audit.record(AuditAction.VIEWS_PREDICTED, patient.id(), "photo " + front.id(), "variations · seeds " + seeds
                + " · ψ " + p);
        job.run("Predicting " + seeds.size() + " variations", patient.patientCode(), ctx -> {
            return inference.predictViews(reference(front), ViewKind.ALL, seeds, p, ctx);
        }, r -> {
            extra.removeAll();
            H4 h = new H4("More variations (one row per seed)");
            Div rows = new Div();
            rows.addClassName("variation-rows");
            rows.setId("variations");
            int per = ViewKind.ALL.size();
            Div header = new Div();
            header.addClassNames("variation-row", "variation-header");
            Span corner = new Span("");
            corner.addClassName("variation-seed");
            header.add(corner);
            for (int v = 0; v < per; v++) {
                Span l = new Span(StudioUi.viewLabel(r.get(v).view()));
                l.addClassName("variation-label");
                header.add(l);
            }
            rows.add(header);
            for (int i = 0; i < seeds.size(); i++) {
                long sd = seeds.get(i);
                Div row = new Div();
                row.addClassName("variation-row");
                Span label = new Span("Seed " + sd);
                label.addClassName("variation-seed");
                row.add(label);
                for (int v = 0; v < per; v++) {
                    GeneratedImage g = r.get(i * per + v);
                    Image img = new Image(StudioUi.png(g), StudioUi.alt(g.view(), patient.patientCode(), "seed " + sd));
                    img.addClassName("variation-img");
                    img.setTitle(StudioUi.viewLabel(g.view()) + " · seed " + sd);
                    row.add(img);
                }
                Button use = new Button("Use this seed", e -> {
                    seed.setValue((int) sd);
                    predict();
                });
                use.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                row.add(use);
                rows.add(row);
            }
            extra.add(h, new Paragraph("Each seed is another plausible guess for the same photo: where they "
                    + "differ, the model is unsure."), rows);
        });
    }

    /** The real photo of a view: same visit as the front photo if there is one, else the latest. */
    private Optional<Photo> actualOf(ViewKind v, Photo front) {
        PhotoKind kind = StudioUi.kindOf(v);
        List<Photo> ofKind = photos.stream().filter(p -> p.kind() == kind).toList();
        return ofKind.stream().filter(p -> p.capturedOn().equals(front.capturedOn())).findFirst()
                .or(() -> ofKind.stream().max(Comparator.comparing(Photo::capturedOn).thenComparingLong(Photo::id)));
    }

    private record Compared(ViewKind view, GeneratedImage predicted, Photo actual, byte[] actualBytes,
            Comparison metrics) {
    }

    private void compare() {
        if (current.isEmpty()) {
            return;
        }
        Photo front = frontSelect.getValue();
        Map<ViewKind, Photo> actual = new LinkedHashMap<>();
        Map<ViewKind, byte[]> bytes = new LinkedHashMap<>();
        for (ViewKind v : List.of(ViewKind.UPPER, ViewKind.LEFT, ViewKind.RIGHT, ViewKind.LOWER)) {
            actualOf(v, front).ifPresent(p -> {
                actual.put(v, p);
                bytes.put(v, photoService.view(p.id())); // audited: real photos are shown
            });
        }
        if (actual.isEmpty()) {
            extra.removeAll();
            extra.add(new Paragraph("This case has no real photos of the other views to compare with."));
            return;
        }
        List<GeneratedImage> predicted = current;
        job.run("Comparing with the real photos", patient.patientCode(), ctx -> {
            List<Compared> out = new ArrayList<>();
            for (Map.Entry<ViewKind, Photo> e : actual.entrySet()) {
                ctx.cancellation().throwIfCancelled();
                GeneratedImage g = predicted.stream().filter(x -> x.view() == e.getKey()).findFirst().orElseThrow();
                out.add(new Compared(e.getKey(), g, e.getValue(), bytes.get(e.getKey()),
                        inference.compare(g, bytes.get(e.getKey()))));
            }
            return out;
        }, this::showComparison);
    }

    private void showComparison(List<Compared> list) {
        extra.removeAll();
        H4 h = new H4("Predicted vs real photo");
        Paragraph note = new Paragraph("SSIM and PSNR compare pixels (higher = closer; SSIM 1 and PSNR ∞ would be "
                + "identical); feature similarity compares what the image encoder sees (cosine, 1 = same). "
                + "Drag or use the arrow keys on the slider under each pair to swipe between them.");
        note.addClassName("hint");
        Div cards = new Div();
        cards.addClassName("compare-cards");
        cards.setId("comparison");
        for (Compared c : list) {
            String code = patient.patientCode();
            String predSrc = StudioUi.png(c.predicted());
            String realSrc = StudioUi.dataUrl(c.actualBytes(), c.actual().contentType());
            String predAlt = StudioUi.alt(c.view(), code, "predicted");
            String realAlt = "Real " + StudioUi.viewLabel(c.view()).toLowerCase(Locale.ROOT) + " photo of " + code
                    + " (" + c.actual().label() + ")";
            Image a = new Image(predSrc, predAlt);
            Image b = new Image(realSrc, realAlt);
            a.addClassName("compare-img");
            b.addClassName("compare-img");
            Div side = new Div(figure(a, "Predicted", true), figure(b, "Real · " + c.actual().label(), false));
            side.addClassName("compare-side");
            SwipeCompare swipe = new SwipeCompare(predSrc, predAlt, "Predicted", realSrc, realAlt, "Real");
            Span metrics = new Span(String.format(Locale.ROOT, "SSIM %.3f · PSNR %.1f dB · feature similarity %.3f",
                    c.metrics().ssim(), c.metrics().psnr(), c.metrics().featureCosine()));
            metrics.addClassName("compare-metrics");
            Div card = new Div(new H4(StudioUi.viewLabel(c.view())), side, swipe, metrics);
            card.addClassName("compare-card");
            card.getElement().setAttribute("data-view", c.view().manifestName());
            cards.add(card);
        }
        Button saveCmp = new Button("Save comparison", VaadinIcon.BOOKMARK.create(), e -> {
            List<SnapshotImage> imgs = new ArrayList<>();
            Map<String, Object> metrics = new LinkedHashMap<>();
            for (Compared c : list) {
                imgs.add(SnapshotImage.generated(imgs.size(), "Predicted " + StudioUi.viewLabel(c.view()), c.predicted()));
                imgs.add(SnapshotImage.photo(imgs.size(), "Real " + StudioUi.viewLabel(c.view()) + " · "
                        + c.actual().label(), c.view().manifestName(), c.actual().id(), c.actual().sha256(),
                        c.actual().contentType(), c.actualBytes()));
                metrics.put(c.view().manifestName(), Map.of("ssim", c.metrics().ssim(), "psnr_db", c.metrics().psnr(),
                        "feature_cosine", c.metrics().featureCosine(), "actual_photo_id", c.actual().id()));
            }
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("front_photo_id", frontSelect.getValue().id());
            params.put("metrics", metrics);
            new SaveSnapshotDialog(snapshots, patient.id(), SnapshotKind.COMPARISON, "compare",
                    "Predicted vs real · seed " + seedValue(), imgs, params).open();
        });
        saveCmp.setId("save-comparison");
        extra.add(h, note, cards, saveCmp);
    }

    private static Div figure(Image img, String label, boolean simulated) {
        Span l = new Span(label);
        Div cap = new Div(l);
        if (simulated) {
            cap.add(StudioUi.simulatedBadge());
        }
        cap.addClassName("cell-caption");
        Div d = new Div(img, cap);
        d.addClassName("compare-figure");
        return d;
    }

    private void saveViews() {
        if (current.isEmpty()) {
            return;
        }
        List<SnapshotImage> imgs = new ArrayList<>();
        for (ViewKind v : List.of(ViewKind.UPPER, ViewKind.LEFT, ViewKind.RIGHT, ViewKind.LOWER)) {
            current.stream().filter(g -> g.view() == v).findFirst()
                    .ifPresent(g -> imgs.add(SnapshotImage.generated(imgs.size(), StudioUi.viewLabel(v), g)));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("front_photo_id", frontSelect.getValue().id());
        params.put("front_photo_label", frontSelect.getValue().label());
        new SaveSnapshotDialog(snapshots, patient.id(), SnapshotKind.VIEWS, "views",
                "Predicted views · " + frontSelect.getValue().label() + " · seed " + seedValue(), imgs, params).open();
    }
}

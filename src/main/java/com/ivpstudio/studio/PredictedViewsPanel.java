package com.ivpstudio.studio;

import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.images.PhotoBadge;
import com.ivpstudio.images.PhotoReferences;
import com.ivpstudio.images.Photo;
import com.ivpstudio.images.PhotoKind;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.closeness.Closeness;
import com.ivpstudio.closeness.ComparisonWording;
import com.ivpstudio.inference.Comparison;
import com.ivpstudio.inference.GeneratedImage;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.inference.PhotoReference;
import com.ivpstudio.inference.SpreadResult;
import com.ivpstudio.inference.ViewKind;
import com.ivpstudio.language.UserFormats;
import com.ivpstudio.security.CurrentUser;
import com.ivpstudio.snapshots.SnapshotImage;
import com.ivpstudio.snapshots.SnapshotKind;
import com.ivpstudio.snapshots.SnapshotService;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.details.Details;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The case page's "Predicted views": from one front photo the four other views in anatomical layout (upper
 * occlusal on top; left / front (the input photo) / right; lower occlusal at the bottom) beside their controls, so
 * that all four are on screen at 1440×900; with variation number (seed), typical ↔ individual (ψ), more variations,
 * an uncertainty overlay and, where photos of those views exist, a comparison read in plain words. Every predicted
 * image opens enlarged. Controls carry plain words; the technical names sit under "Advanced".
 */
class PredictedViewsPanel extends Div {

    static final int SPREAD_SEEDS = 8;
    private static final List<ViewKind> LAYOUT_ORDER = List.of(ViewKind.UPPER, ViewKind.LEFT, ViewKind.RIGHT,
            ViewKind.LOWER);

    private final PhotoService photoService;
    private final InferenceService inference;
    private final SnapshotService snapshots;
    private final PatientCase patient;
    private final List<Photo> photos;
    private final Select<Photo> frontSelect = new Select<>();
    private final IntegerField seed = new IntegerField();
    private final NumberField psi = new NumberField();
    private final Checkbox uncertainty = new Checkbox();
    private final Button newSeed = new Button();
    private final Button variations = new Button();
    private final Select<Integer> variationCount = new Select<>();
    private final Button compare = new Button();
    private final Button save = new Button();
    private final JobBar job;
    private final Div grid = new Div();
    private final Div extra = new Div();
    private final Span spreadInfo = new Span();
    /** Says once, to screen readers, that the images have arrived (the cells' "Predicting…" is hidden then). */
    private final Span announcer = new Span();
    private final Map<ViewKind, Image> images = new EnumMap<>(ViewKind.class);
    private final Map<ViewKind, Image> heat = new EnumMap<>(ViewKind.class);
    private final List<Span> waiting = new ArrayList<>();
    /** The five image cells of the grid (rebuilt for another front photo); the corners hold the controls. */
    private final List<Component> cells = new ArrayList<>();
    private final Div cornerTopLeft = corner("tl");
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
        addClassName("predicted-panel");
        setId("predicted-views");
        setWidthFull();

        H3 title = new H3(getTranslation("casepage.predicted.title"));
        HorizontalLayout head = new HorizontalLayout(title, StudioUi.simulatedBadge(this::getTranslation));
        head.setAlignItems(FlexComponent.Alignment.BASELINE);
        head.addClassName("predicted-head");
        add(head);

        Optional<BundleInfo> bundle = inference.activeBundle();
        if (bundle.isEmpty()) {
            add(StudioUi.noModelNotice(currentUser.isAdmin(), this::getTranslation));
            return;
        }
        List<Photo> fronts = photos.stream().filter(p -> p.kind() == PhotoKind.FRONT)
                .sorted(Comparator.comparing(Photo::capturedOn).thenComparingLong(Photo::id).reversed()).toList();
        if (fronts.isEmpty()) {
            Paragraph none = new Paragraph(getTranslation("casepage.predicted.no-front"));
            none.setId("no-front-photo");
            none.addClassName("studio-empty");
            add(none);
            return;
        }
        Paragraph intro = new Paragraph(getTranslation("casepage.predicted.intro"));
        intro.addClassName("studio-intro");

        frontSelect.setLabel(getTranslation("casepage.predicted.front"));
        frontSelect.setId("front-photo");
        frontSelect.setItems(fronts);
        frontSelect.setItemLabelGenerator(p -> StudioUi.photoLabel(p, this::getTranslation, getLocale()));
        frontSelect.setValue(fronts.get(0));
        seed.setLabel(getTranslation("casepage.predicted.seed"));
        seed.setId("seed");
        seed.setValue(0);
        seed.setMin(0);
        seed.setStepButtonsVisible(true);
        seed.setHelperText(getTranslation("casepage.predicted.seed.help"));
        psi.setLabel(getTranslation("casepage.predicted.psi"));
        psi.setId("psi");
        psi.setMin(0);
        psi.setMax(2);
        psi.setStep(0.1);
        psi.setStepButtonsVisible(true);
        psi.setValue(bundle.get().defaultPsi());
        psi.setHelperText(getTranslation("casepage.predicted.psi.help"));
        psi.setTooltipText(getTranslation("casepage.predicted.psi.tooltip"));
        newSeed.setText(getTranslation("casepage.predicted.new-seed"));
        newSeed.setIcon(VaadinIcon.RANDOM.create());
        newSeed.setTooltipText(getTranslation("casepage.predicted.new-seed.help"));
        newSeed.setId("new-seed");
        uncertainty.setLabel(getTranslation("casepage.predicted.uncertainty"));
        uncertainty.setTooltipText(getTranslation("casepage.predicted.uncertainty.help"));
        uncertainty.setId("uncertainty");
        variations.setText(getTranslation("casepage.predicted.variations"));
        variations.setIcon(VaadinIcon.GRID_SMALL.create());
        variations.setTooltipText(getTranslation("casepage.predicted.variations.help"));
        variations.setId("more-variations");
        compare.setText(getTranslation("casepage.predicted.compare"));
        compare.setIcon(VaadinIcon.SPLIT_H.create());
        compare.setTooltipText(getTranslation("casepage.predicted.compare.help"));
        compare.setId("compare");
        save.setText(getTranslation("casepage.predicted.save"));
        save.setIcon(VaadinIcon.BOOKMARK.create());
        save.setId("save-views");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setEnabled(false);
        variationCount.setItems(3, 4, 6, 8);
        variationCount.setValue(4);
        variationCount.setId("variation-count");
        variationCount.setLabel(getTranslation("casepage.predicted.variation-count"));
        variationCount.setItemLabelGenerator(n -> getTranslation("casepage.predicted.variation-count.item", n));

        // The anatomical layout leaves its four corners empty: the controls live there, beside the images they
        // change, so that the images can be as large as the screen height allows.
        cornerTopLeft.add(frontSelect, seed, newSeed);
        Div cornerTopRight = corner("tr");
        cornerTopRight.add(psi, uncertainty);
        Div cornerBottomLeft = corner("bl");
        Div cornerBottomRight = corner("br");
        cornerBottomLeft.add(variationCount, variations);
        if (photos.stream().anyMatch(p -> p.kind() != PhotoKind.FRONT)) {
            cornerBottomLeft.add(compare);
        }
        cornerBottomLeft.add(save);
        cornerBottomRight.add(job, links(), advanced(bundle.get()));

        grid.addClassName("view-grid");
        grid.setId("view-grid");
        grid.getElement().setAttribute("aria-label", getTranslation("casepage.predicted.grid", patient.patientCode()));
        grid.getElement().setAttribute("role", "group");
        grid.add(cornerTopLeft, cornerTopRight, cornerBottomLeft, cornerBottomRight);
        buildGrid(fronts.get(0));
        spreadInfo.addClassName("spread-info");
        spreadInfo.setId("spread-info");
        announcer.addClassName("sr-only");
        announcer.setId("predicted-announcer");
        announcer.getElement().setAttribute("role", "status");
        extra.addClassName("studio-extra");
        extra.setId("predicted-extra");
        head.add(intro);
        add(UnfamiliarPhotoWarning.following(inference, photoService, frontSelect).offeringToTurn());
        add(grid, spreadInfo, announcer, extra);
        if (bundle.get().deterministic()) {
            hideSeedControls(bundle.get());
        }

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

    /** The technical names and the model's identity, for whoever needs them; the controls above use plain words. */
    private Details advanced(BundleInfo bundle) {
        Div body = new Div(
                new Paragraph(getTranslation("casepage.predicted.advanced.seed")),
                new Paragraph(getTranslation("casepage.predicted.advanced.psi")),
                new Paragraph(getTranslation("casepage.predicted.advanced.uncertainty")),
                new Paragraph(StudioUi.modelLine(bundle, this::getTranslation)));
        body.addClassName("hint");
        Details d = new Details(getTranslation("casepage.advanced"), body);
        d.setId("predicted-advanced");
        d.addClassName("advanced");
        return d;
    }

    private Component links() {
        RouterLink nudge = new RouterLink(getTranslation("casepage.predicted.link.nudge"), NudgeStudioView.class,
                StudioRoutes.caseParams(patient.id()));
        RouterLink text = new RouterLink(getTranslation("casepage.predicted.link.text"), TextStudioView.class,
                StudioRoutes.caseParams(patient.id()));
        RouterLink explore = new RouterLink(getTranslation("casepage.predicted.link.explore"), ExplorerView.class,
                StudioRoutes.caseParams(patient.id()));
        nudge.setId("open-nudge");
        text.setId("open-text");
        explore.setId("open-explore");
        Div d = new Div(new Span(getTranslation("casepage.predicted.link.explore-label")), nudge, new Span(" · "),
                text, new Span(" · "), explore);
        d.addClassName("studio-links");
        return d;
    }

    private String view(ViewKind v) {
        return getTranslation(StudioUi.kindOf(v).translationKey());
    }

    private String alt(ViewKind v, String what) {
        return getTranslation("casepage.predicted.alt", view(v), patient.patientCode(), what);
    }

    private String seedWords(long s) {
        return getTranslation("casepage.predicted.seed-n", Long.toString(s));
    }

    private static Div corner(String where) {
        Div d = new Div();
        d.addClassNames("grid-corner", "corner-" + where);
        return d;
    }

    private void buildGrid(Photo front) {
        cells.forEach(grid::remove);
        cells.clear();
        images.clear();
        heat.clear();
        waiting.clear();
        for (ViewKind v : LAYOUT_ORDER) {
            Image img = new Image();
            img.addClassName("predicted-img");
            img.getElement().setAttribute("data-view", v.manifestName());
            img.setAlt(alt(v, getTranslation("casepage.predicted.waiting")));
            img.setVisible(false);
            PredictedViewDialog.enlargeOnActivate(img, view(v) + " · " + patient.patientCode());
            Image h = new Image();
            h.addClassName("heat-img");
            h.setAlt(getTranslation("casepage.predicted.heat-alt", view(v)));
            h.setVisible(false);
            images.put(v, img);
            heat.put(v, h);
            Span wait = new Span(getTranslation("casepage.predicted.waiting"));
            wait.addClassName("cell-waiting");
            waiting.add(wait);
            Div stack = new Div(wait, img, h, StudioUi.simulatedBadge(this::getTranslation));
            stack.addClassName("cell-stack");
            cells.add(cell(v.manifestName(), stack, view(v)));
        }
        Image frontImg = new Image(StudioUi.dataUrl(photoService.thumbnail(front.id()), "image/jpeg"),
                getTranslation("casepage.predicted.front-alt", patient.patientCode(), front.label()));
        frontImg.addClassName("front-img");
        Div stack = new Div(frontImg, new PhotoBadge(front));
        stack.addClassName("cell-stack");
        cells.add(cell("front", stack, getTranslation("casepage.predicted.front-cell", front.label())));
        cells.forEach(grid::add);
    }

    private static Div cell(String view, Component stack, String label) {
        Span l = new Span(label);
        l.addClassName("cell-label");
        Div caption = new Div(l);
        caption.addClassName("cell-caption");
        Div cell = new Div(stack, caption);
        cell.addClassNames("view-cell", "cell-" + view);
        cell.getElement().setAttribute("data-view", view);
        return cell;
    }

    /**
     * A model without a random input (z_dim 0, as CLIP-IVP's reference models: its training never feeds z), or whose
     * random input was measured at export to change its pictures by less than one level, draws one answer per
     * photo: seeds, variations and the uncertainty map would all show the same images, so they are hidden and the
     * reason is said.
     */
    private void hideSeedControls(BundleInfo model) {
        seed.setVisible(false);
        newSeed.setVisible(false);
        uncertainty.setVisible(false);
        variationCount.setVisible(false);
        variations.setVisible(false);
        Paragraph why = new Paragraph(getTranslation(model.zDim() == 0 ? "ood.deterministic.no-random-input"
                : "ood.deterministic.invisible-variation"));
        why.setId("deterministic-model");
        why.addClassName("studio-intro");
        cornerTopLeft.add(why);
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

    private void busy(boolean running) {
        grid.getElement().setAttribute("state", running ? "running" : "done");
        grid.getElement().setAttribute("aria-busy", Boolean.toString(running));
        waiting.forEach(w -> w.setVisible(running || current.isEmpty()));
    }

    private void predict() {
        Photo front = frontSelect.getValue();
        long s = seedValue();
        Double p = psiValue();
        save.setEnabled(false);
        extra.removeAll();
        heat.values().forEach(i -> i.setVisible(false));
        spreadInfo.setText("");
        current = List.of();
        busy(true);
        audit.record(AuditAction.VIEWS_PREDICTED, patient.id(), "photo " + front.id(), "seed " + s + " · ψ " + p);
        job.run(getTranslation("casepage.predicted.job.predict"), patient.patientCode(), ctx -> {
            return inference.predictViews(reference(front), ViewKind.ALL, List.of(s), p, ctx);
        }, r -> {
            current = r;
            for (GeneratedImage g : current) {
                Image img = images.get(g.view());
                img.setSrc(StudioUi.png(g));
                img.setAlt(alt(g.view(), seedWords(s)));
                img.setVisible(true);
            }
            busy(false);
            grid.getElement().setAttribute("seed", Long.toString(s));
            announcer.setText(getTranslation("casepage.predicted.ready"));
            save.setEnabled(true);
            if (uncertainty.getValue()) {
                spread();
            }
        }, () -> busy(false));
    }

    private void spread() {
        if (current.isEmpty()) {
            return;
        }
        Photo front = frontSelect.getValue();
        long s = seedValue();
        Double p = psiValue();
        List<Long> seeds = seedsAfter(s, 0, 1, SPREAD_SEEDS);
        job.run(getTranslation("casepage.predicted.job.spread", SPREAD_SEEDS), patient.patientCode(), ctx -> {
            PhotoReference e = reference(front);
            Map<ViewKind, SpreadResult> out = new EnumMap<>(ViewKind.class);
            for (ViewKind v : ViewKind.ALL) {
                out.put(v, inference.spread(e, v, seeds, p, ctx));
            }
            return out;
        }, r -> {
            List<String> means = new ArrayList<>();
            r.forEach((v, sr) -> {
                Image h = heat.get(v);
                h.setSrc(StudioUi.png(sr.heatMap()));
                h.setVisible(uncertainty.getValue());
                means.add(view(v) + " " + UserFormats.number(sr.meanStd(), 1, getLocale()));
            });
            spreadInfo.setText(getTranslation("casepage.predicted.spread-info", SPREAD_SEEDS, String.join(", ", means)));
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

    /** Shows what a button opened below the grid and brings it on screen, where the clinician can see it arrived. */
    private void showExtra(Component... content) {
        extra.removeAll();
        extra.add(content);
        extra.scrollIntoView();
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
        job.run(getTranslation("casepage.predicted.job.variations", seeds.size()), patient.patientCode(), ctx -> {
            return inference.predictViews(reference(front), ViewKind.ALL, seeds, p, ctx);
        }, r -> {
            H4 h = new H4(getTranslation("casepage.predicted.variations.title"));
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
                Span l = new Span(view(r.get(v).view()));
                l.addClassName("variation-label");
                header.add(l);
            }
            rows.add(header);
            for (int i = 0; i < seeds.size(); i++) {
                long sd = seeds.get(i);
                Div row = new Div();
                row.addClassName("variation-row");
                Span label = new Span(seedWords(sd));
                label.addClassName("variation-seed");
                row.add(label);
                for (int v = 0; v < per; v++) {
                    GeneratedImage g = r.get(i * per + v);
                    Image img = new Image(StudioUi.png(g), alt(g.view(), seedWords(sd)));
                    img.addClassName("variation-img");
                    PredictedViewDialog.enlargeOnActivate(img, view(g.view()) + " · " + seedWords(sd) + " · "
                            + patient.patientCode());
                    row.add(img);
                }
                Button use = new Button(getTranslation("casepage.predicted.use-seed"), e -> {
                    seed.setValue((int) sd);
                    predict();
                });
                use.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                row.add(use);
                rows.add(row);
            }
            showExtra(h, new Paragraph(getTranslation("casepage.predicted.variations.intro")), rows);
        });
    }

    /** The photo of a view: same visit as the front photo if there is one, else the latest. */
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
        for (ViewKind v : LAYOUT_ORDER) {
            actualOf(v, front).ifPresent(p -> {
                actual.put(v, p);
                bytes.put(v, photoService.view(p.id())); // audited: real photos are shown
            });
        }
        if (actual.isEmpty()) {
            showExtra(new Paragraph(getTranslation("casepage.compare.none")));
            return;
        }
        List<GeneratedImage> predicted = current;
        job.run(getTranslation("casepage.compare.job"), patient.patientCode(), ctx -> {
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
        H4 h = new H4(getTranslation("casepage.compare.title"));
        Paragraph note = new Paragraph(getTranslation("casepage.compare.intro"));
        note.addClassName("hint");
        Div cards = new Div();
        cards.addClassName("compare-cards");
        cards.setId("comparison");
        for (Compared c : list) {
            cards.add(comparisonCard(c));
        }
        Button saveCmp = new Button(getTranslation("casepage.compare.save"), VaadinIcon.BOOKMARK.create(),
                e -> saveComparison(list));
        saveCmp.setId("save-comparison");
        showExtra(h, note, cards, saveCmp);
    }

    private Div comparisonCard(Compared c) {
        String code = patient.patientCode();
        String predSrc = StudioUi.png(c.predicted());
        String realSrc = StudioUi.dataUrl(c.actualBytes(), c.actual().contentType());
        String predAlt = alt(c.view(), getTranslation("casepage.compare.predicted"));
        String realAlt = getTranslation("casepage.compare.real-alt", view(c.view()), code, c.actual().label());
        Image a = new Image(predSrc, predAlt);
        Image b = new Image(realSrc, realAlt);
        a.addClassName("compare-img");
        b.addClassName("compare-img");
        PredictedViewDialog.enlargeOnActivate(a, view(c.view()) + " · " + code);
        Div side = new Div(figure(a, getTranslation("casepage.compare.predicted"),
                StudioUi.simulatedBadge(this::getTranslation)),
                figure(b, c.actual().label(), new PhotoBadge(c.actual())));
        side.addClassName("compare-side");
        SwipeCompare swipe = new SwipeCompare(predSrc, predAlt, getTranslation("casepage.compare.predicted"), realSrc,
                realAlt, getTranslation("casepage.compare.photo"));
        ComparisonWording wording = new ComparisonWording(this::getTranslation, getLocale());
        Closeness closeness = Closeness.of(c.metrics());
        Span words = new Span(wording.verdict(c.metrics()));
        words.addClassNames("compare-reading", closeness.styleName());
        words.getElement().setAttribute("data-reading", closeness.name());
        Span help = new Span(wording.help(c.metrics()));
        help.addClassName("hint");
        Span numbers = new Span(wording.numbers(c.metrics()));
        numbers.addClassName("compare-metrics");
        Details advanced = new Details(getTranslation("casepage.advanced"),
                new Div(numbers, new Paragraph(wording.explanation())));
        advanced.addClassName("advanced");
        Div card = new Div(new H4(view(c.view())), side, swipe, words, help, advanced);
        card.addClassName("compare-card");
        card.getElement().setAttribute("data-view", c.view().manifestName());
        return card;
    }

    private void saveComparison(List<Compared> list) {
        List<SnapshotImage> imgs = new ArrayList<>();
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (Compared c : list) {
            String name = view(c.view());
            imgs.add(SnapshotImage.generated(imgs.size(), getTranslation("casepage.snapshot.predicted", name),
                    c.predicted()));
            imgs.add(SnapshotImage.photo(imgs.size(), getTranslation("casepage.snapshot.real", name, c.actual().label()),
                    c.view().manifestName(), c.actual().id(), c.actual().sha256(), c.actual().contentType(),
                    c.actualBytes()));
            metrics.put(c.view().manifestName(), Map.of("ssim", c.metrics().ssim(), "psnr_db", c.metrics().psnr(),
                    "feature_cosine", c.metrics().featureCosine(), "actual_photo_id", c.actual().id()));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("front_photo_id", frontSelect.getValue().id());
        params.put("metrics", metrics);
        new SaveSnapshotDialog(snapshots, patient.id(), SnapshotKind.COMPARISON, "compare",
                getTranslation("casepage.snapshot.compare-title", seedValue()), imgs, params).open();
    }

    private static Div figure(Image img, String label, Component badge) {
        Div cap = new Div(new Span(label), badge);
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
        for (ViewKind v : LAYOUT_ORDER) {
            current.stream().filter(g -> g.view() == v).findFirst()
                    .ifPresent(g -> imgs.add(SnapshotImage.generated(imgs.size(), view(v), g)));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("front_photo_id", frontSelect.getValue().id());
        params.put("front_photo_label", frontSelect.getValue().label());
        new SaveSnapshotDialog(snapshots, patient.id(), SnapshotKind.VIEWS, "views",
                getTranslation("casepage.snapshot.views-title", frontSelect.getValue().label(), seedValue()), imgs,
                params).open();
    }
}

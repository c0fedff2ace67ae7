package com.ivpstudio.studio;

import com.ivpstudio.images.PhotoReferences;
import com.ivpstudio.cases.CaseFilter;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.cases.CaseSort;
import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.images.Photo;
import com.ivpstudio.images.PhotoKind;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.inference.EmbeddingSource;
import com.ivpstudio.inference.GeneratedImage;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.inference.PhotoReference;
import com.ivpstudio.inference.Sampling;
import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.security.CurrentUser;
import com.ivpstudio.snapshots.SnapshotService;
import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nudge studio: this patient's photo moved along a treatment direction (after − before of a reference pair or of
 * two photos of any case) with strength α. The server computes the whole strip (all α × 4 views) in one batched
 * job; the browser then scrubs through it without asking the server again.
 */
@Route("studio/nudge/:caseId(\\d+)")
@PermitAll
public class NudgeStudioView extends CaseStudioView {

    /** Where the treatment direction comes from. */
    enum DirectionSource { PAIR, CASE }

    private final JobBar job;
    private StripResult result;

    private final ReferencePairLibrary references;
    private final SnapshotService snapshots;
    private final AuditLog audit;

    public NudgeStudioView(CaseService cases, PhotoService photoService, InferenceService inference,
            CurrentUser currentUser, StudioJobs jobs, ReferencePairLibrary references, SnapshotService snapshots,
            AuditLog audit) {
        super(cases, photoService, inference, currentUser, "studio.title.nudge");
        this.references = references;
        this.snapshots = snapshots;
        this.audit = audit;
        this.job = new JobBar(jobs, "nudge");
    }

    @Override
    protected void build(BundleInfo bundle) {
        List<Photo> photos = photos();
        Paragraph intro = new Paragraph(getTranslation("studiotools.nudge.intro"));
        intro.setId("nudge-intro");
        add(intro, CautionNote.nudge("nudge-caution", this::getTranslation, bundle));
        if (photos.isEmpty()) {
            add(emptyCase());
            return;
        }
        Photo front = StudioUi.latestFront(photos).orElse(photos.get(0));
        Select<Photo> base = photoSelect(getTranslation("studiotools.nudge.base", patient.patientCode()), "nudge-base",
                photos, front);
        add(UnfamiliarPhotoWarning.following(inference, photoService, base));

        RadioButtonGroup<DirectionSource> source = new RadioButtonGroup<>(getTranslation("studiotools.nudge.source"));
        source.setId("direction-source");
        source.setItems(DirectionSource.values());
        source.setItemLabelGenerator(d -> getTranslation(d == DirectionSource.PAIR ? "studiotools.nudge.source.pair"
                : "studiotools.nudge.source.case"));
        source.setValue(DirectionSource.PAIR);

        Select<ReferencePair> pair = new Select<>();
        pair.setLabel(getTranslation("studiotools.nudge.pair"));
        pair.setId("reference-pair");
        List<ReferencePair> pairs = references.all();
        pair.setItems(pairs);
        pair.setItemLabelGenerator(this::pairName);
        pair.setRenderer(new ComponentRenderer<>(p -> ThumbnailItems.row(pairName(p),
                ThumbnailItems.image(() -> references.beforeImage(p.id()),
                        getTranslation("studiotools.nudge.pair.before", p.name())),
                ThumbnailItems.image(() -> references.afterImage(p.id()),
                        getTranslation("studiotools.nudge.pair.after", p.name())))));
        pair.setWidth("28em");
        if (!pairs.isEmpty()) {
            pair.setValue(pairs.get(0));
            pair.setHelperText(pairs.get(0).description());
        }
        pair.addValueChangeListener(e -> pair.setHelperText(e.getValue() == null ? null : e.getValue().description()));

        ComboBox<PatientCase> otherCase = new ComboBox<>(getTranslation("studiotools.nudge.case"));
        otherCase.setId("direction-case");
        otherCase.setItems(q -> cases.find(new CaseFilter(q.getFilter().orElse(null), null, null),
                List.of(new CaseSort(CaseSort.Column.PATIENT_CODE, true)), q.getOffset(), q.getLimit()).stream());
        otherCase.setItemLabelGenerator(PatientCase::patientCode);
        otherCase.setPlaceholder(getTranslation("studiotools.nudge.case.placeholder"));
        Select<Photo> before = new Select<>();
        before.setLabel(getTranslation("studiotools.nudge.before"));
        before.setId("direction-before");
        before.setItemLabelGenerator(this::photoLabel);
        before.setRenderer(photoThumbnails(photoService));
        Select<Photo> after = new Select<>();
        after.setLabel(getTranslation("studiotools.nudge.after"));
        after.setId("direction-after");
        after.setItemLabelGenerator(this::photoLabel);
        after.setRenderer(photoThumbnails(photoService));
        otherCase.addValueChangeListener(e -> {
            List<Photo> ps = e.getValue() == null ? List.of() : photoService.photosOf(e.getValue().id()).stream()
                    .filter(p -> p.kind() == PhotoKind.FRONT).toList();
            before.setItems(ps);
            after.setItems(ps);
            if (ps.size() >= 2) {
                before.setValue(ps.get(0));
                after.setValue(ps.get(ps.size() - 1));
            }
        });
        HorizontalLayout casePicker = new HorizontalLayout(otherCase, before, after);
        casePicker.setAlignItems(FlexComponent.Alignment.BASELINE);
        casePicker.setVisible(false);
        source.addValueChangeListener(e -> {
            pair.setVisible(e.getValue() == DirectionSource.PAIR);
            casePicker.setVisible(e.getValue() == DirectionSource.CASE);
        });

        AlphaRange alphas = new AlphaRange();
        IntegerField seed = new IntegerField(getTranslation("studiotools.seed"));
        seed.setTooltipText(getTranslation("studiotools.seed.tooltip"));
        seed.setId("nudge-seed");
        seed.setValue(0);
        seed.setMin(0);
        seed.setStepButtonsVisible(true);
        seed.setWidth("8em");
        NumberField psi = new NumberField(getTranslation("studiotools.psi"));
        psi.setTooltipText(getTranslation("studiotools.psi.tooltip"));
        psi.setId("nudge-psi");
        psi.setMin(0);
        psi.setMax(2);
        psi.setStep(0.1);
        psi.setStepButtonsVisible(true);
        psi.setValue(bundle.defaultPsi());
        psi.setWidth("8em");

        Button compute = new Button(getTranslation("studiotools.nudge.compute"), VaadinIcon.PLAY.create());
        compute.setId("nudge-compute");
        compute.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        result = new StripResult(snapshots, patient, "nudge");

        compute.addClickListener(e -> {
            double[] a;
            try {
                a = alphas.values();
            } catch (UserFacingException ex) {
                job.getElement().setAttribute("state", "failed");
                com.vaadin.flow.component.notification.Notification.show(ex.getMessage(), 4000,
                        com.vaadin.flow.component.notification.Notification.Position.TOP_CENTER);
                return;
            }
            Photo b = base.getValue();
            if (b == null) {
                return;
            }
            EmbeddingSource[] direction;
            String directionName;
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("base_photo_id", b.id());
            if (source.getValue() == DirectionSource.PAIR) {
                ReferencePair p = pair.getValue();
                if (p == null) {
                    return;
                }
                byte[] bb = references.beforeImage(p.id());
                byte[] ab = references.afterImage(p.id());
                direction = new EmbeddingSource[] {PhotoReference.of(bb), PhotoReference.of(ab)};
                directionName = p.name();
                params.put("direction", Map.of("reference_pair", p.name(), "reference_pair_id", p.id(),
                        "before_sha256", p.beforeSha256(), "after_sha256", p.afterSha256()));
            } else {
                Photo pb = before.getValue();
                Photo pa = after.getValue();
                if (pb == null || pa == null || otherCase.getValue() == null) {
                    com.vaadin.flow.component.notification.Notification.show(
                            getTranslation("studiotools.nudge.case.missing"), 4000,
                            com.vaadin.flow.component.notification.Notification.Position.TOP_CENTER);
                    return;
                }
                direction = new EmbeddingSource[] {PhotoReferences.of(photoService, pb),
                        PhotoReferences.of(photoService, pa)};
                directionName = otherCase.getValue().patientCode() + " " + pb.label() + " → " + pa.label();
                params.put("direction", Map.of("case", otherCase.getValue().patientCode(), "before_photo_id", pb.id(),
                        "after_photo_id", pa.id()));
            }
            params.put("alphas", a);
            long s = seed.getValue() == null ? 0 : seed.getValue();
            Double p = psi.getValue();
            result.clear();
            compute.setEnabled(false);
            audit.record(AuditAction.NUDGE_COMPUTED, patient.id(), "photo " + b.id(), auditDetail(params, a, s, p));
            job.run(getTranslation("studiotools.nudge.computing", a.length), patient.patientCode(), ctx -> {
                return inference.nudge(PhotoReferences.of(photoService, b), direction[0], direction[1], a,
                        new Sampling(s, p), ctx);
            }, (List<GeneratedImage> images) -> {
                List<String> labels = new ArrayList<>();
                for (double x : a) {
                    labels.add(AlphaRange.label(x));
                }
                result.show(images, labels, a.length - 1, "nudge", "Nudge: " + directionName, params,
                        new RealPhoto(thumbnailSrc(b), getTranslation("studiotools.nudge.base.alt", patient.patientCode()),
                                getTranslation("studiotools.nudge.base.caption")));
            }, () -> compute.setEnabled(true));
        });

        HorizontalLayout sampling = new HorizontalLayout(seed, psi);
        sampling.setAlignItems(FlexComponent.Alignment.BASELINE);
        Div settings = new Div(new H3(getTranslation("studiotools.nudge.step1")), base,
                new H3(getTranslation("studiotools.nudge.step2")), source, pair, casePicker,
                new H3(getTranslation("studiotools.nudge.step3")), alphas, sampling);
        settings.addClassName("studio-settings");
        HorizontalLayout run = new HorizontalLayout(compute, job);
        run.setAlignItems(FlexComponent.Alignment.CENTER);
        add(settings, run, result);
    }

    private String pairName(ReferencePair p) {
        return p.name() + (p.synthetic() ? " " + getTranslation("studiotools.nudge.pair.synthetic") : "");
    }

    /** What the audit keeps of a nudge: the direction's ids and the numbers, never names or descriptions. */
    static String auditDetail(Map<String, Object> params, double[] alphas, long seed, Double psi) {
        Object direction = params.get("direction");
        String from = direction instanceof Map<?, ?> d ? (d.containsKey("reference_pair_id")
                ? "reference pair " + d.get("reference_pair_id")
                : "photos " + d.get("before_photo_id") + " → " + d.get("after_photo_id")) : "";
        return from + " · α " + alphas[0] + "…" + alphas[alphas.length - 1] + " (" + alphas.length + ") · seed " + seed
                + " · ψ " + psi;
    }
}

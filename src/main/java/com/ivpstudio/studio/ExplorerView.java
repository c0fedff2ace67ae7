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
import com.ivpstudio.inference.Embedding;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.inference.InterpolationMode;
import com.ivpstudio.inference.Sampling;
import com.ivpstudio.security.CurrentUser;
import com.ivpstudio.snapshots.SnapshotService;
import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.inference.OperationContext;
import com.ivpstudio.language.UserFormats;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Explorers: norm scaling (κ/‖κ‖·k, with the typical norm of the training photos marked) and interpolation
 * between two photos (slerp of the embeddings or linear in W), both scrubbed in the browser.
 */
@Route("studio/explore/:caseId(\\d+)")
@PermitAll
public class ExplorerView extends CaseStudioView {

    private final JobBar normJob;
    private final JobBar interpJob;

    private final SnapshotService snapshots;
    private final AuditLog audit;

    public ExplorerView(CaseService cases, PhotoService photoService, InferenceService inference,
            CurrentUser currentUser, StudioJobs jobs, SnapshotService snapshots, AuditLog audit) {
        super(cases, photoService, inference, currentUser, "studio.title.explorers");
        this.snapshots = snapshots;
        this.audit = audit;
        this.normJob = new JobBar(jobs, "norm");
        this.interpJob = new JobBar(jobs, "interp");
    }

    @Override
    protected void build(BundleInfo bundle) {
        List<Photo> photos = photos();
        if (photos.isEmpty()) {
            add(emptyCase());
            return;
        }
        TabSheet tabs = new TabSheet();
        tabs.setId("explorer-tabs");
        tabs.setWidthFull();
        tabs.add(getTranslation("studiotools.norm.tab"), normScaling(bundle, photos));
        tabs.add(getTranslation("studiotools.interp.tab"), interpolation(photos));
        add(tabs);
    }

    private Div normScaling(BundleInfo bundle, List<Photo> photos) {
        double mean = bundle.normMean();
        double std = bundle.normStd();
        Paragraph intro = new Paragraph(getTranslation("studiotools.norm.intro",
                UserFormats.number(mean, 2, getLocale()), UserFormats.number(std, 2, getLocale())));
        Photo front = StudioUi.latestFront(photos).orElse(photos.get(0));
        Select<Photo> photo = photoSelect(getTranslation("studiotools.norm.photo"), "norm-photo", photos, front);
        NumberField kMin = number(getTranslation("studiotools.norm.from"), Math.max(0.05, round2(mean - 3 * std)), "k-from");
        NumberField kMax = number(getTranslation("studiotools.norm.to"), round2(mean + 3 * std), "k-to");
        IntegerField steps = new IntegerField(getTranslation("studiotools.steps"));
        steps.setId("k-steps");
        steps.setValue(7);
        steps.setMin(2);
        steps.setMax(33);
        steps.setStepButtonsVisible(true);
        steps.setWidth("7em");
        Span own = new Span();
        own.setId("own-norm");
        own.addClassName("hint");
        Button go = new Button(getTranslation("studiotools.compute"), VaadinIcon.PLAY.create());
        go.setId("norm-compute");
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        StripResult result = new StripResult(snapshots, patient, "norm");
        go.addClickListener(e -> {
            double a = kMin.getValue() == null ? 0 : kMin.getValue();
            double b = kMax.getValue() == null ? 0 : kMax.getValue();
            int n = steps.getValue() == null ? 0 : steps.getValue();
            if (a <= 0 || b <= a || n < 2 || n > 33) {
                Notification.show(getTranslation("studiotools.norm.invalid"), 4000, Notification.Position.TOP_CENTER);
                return;
            }
            double[] ks = new double[n];
            for (int i = 0; i < n; i++) {
                ks[i] = round2(a + (b - a) * i / (n - 1));
            }
            Photo p = photo.getValue();
            double[] photoNorm = {0};
            go.setEnabled(false);
            result.clear();
            audit.record(AuditAction.NORM_SCALED, patient.id(), "photo " + p.id(),
                    "k " + ks[0] + "…" + ks[n - 1] + " (" + n + ")");
            normJob.run(getTranslation("studiotools.interp.computing", n), patient.patientCode(), ctx -> {
                Embedding k = inference.embedPhoto(PhotoReferences.of(photoService, p));
                photoNorm[0] = k.norm();
                return inference.normScale(k, ks, Sampling.defaults(), ctx);
            }, images -> {
                List<String> labels = new ArrayList<>();
                int typical = 0;
                for (int i = 0; i < n; i++) {
                    boolean isTypical = Math.abs(ks[i] - mean) <= std / 2;
                    labels.add(String.format(Locale.ROOT, "k = %.2f", ks[i]) + (isTypical ? " ★ typical" : ""));
                    if (Math.abs(ks[i] - mean) < Math.abs(ks[typical] - mean)) {
                        typical = i;
                    }
                }
                own.setText(String.format(Locale.ROOT, "This photo's own norm: %.2f (%s).", photoNorm[0],
                        Math.abs(photoNorm[0] - mean) <= 2 * std ? "within the typical range" : "unusual"));
                Map<String, Object> params = new LinkedHashMap<>();
                params.put("photo_id", p.id());
                params.put("ks", ks);
                params.put("typical_norm_mean", mean);
                params.put("typical_norm_std", std);
                result.show(images, labels, typical, "norm-scale", "Norm scaling · " + p.label(), params,
                        new RealPhoto(thumbnailSrc(p),
                                getTranslation("studiotools.nudge.base.alt", patient.patientCode()),
                                getTranslation("studiotools.nudge.base.caption")));
                result.mark(typical, String.format(Locale.ROOT, "k = %.2f, closest to the typical norm %.2f of the "
                        + "training photos", ks[typical], mean));
            }, () -> go.setEnabled(true));
        });
        HorizontalLayout row = new HorizontalLayout(photo, kMin, kMax, steps, go, normJob);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.setWrap(true);
        Div tab = new Div(intro, row, own, result);
        tab.addComponentAtIndex(1, UnfamiliarPhotoWarning.following(inference, photoService, photo));
        tab.setId("norm-tab");
        return tab;
    }

    private Div interpolation(List<Photo> photos) {
        Paragraph intro = new Paragraph(getTranslation("studiotools.interp.intro"));
        List<Photo> fronts = photos.stream().filter(p -> p.kind() == PhotoKind.FRONT).toList();
        List<Photo> choices = fronts.isEmpty() ? photos : fronts;
        Photo first = choices.get(0);
        Photo last = choices.get(choices.size() - 1);
        Select<Photo> a = photoSelect(getTranslation("studiotools.interp.from"), "interp-from", choices, first);
        ComboBox<PatientCase> toCase = new ComboBox<>(getTranslation("studiotools.interp.to.case"));
        toCase.setId("interp-to-case");
        toCase.setItems(q -> cases.find(new CaseFilter(q.getFilter().orElse(null), null, null),
                List.of(new CaseSort(CaseSort.Column.PATIENT_CODE, true)), q.getOffset(), q.getLimit()).stream());
        toCase.setItemLabelGenerator(PatientCase::patientCode);
        toCase.setValue(patient);
        toCase.setWidth("10em");
        Select<Photo> b = photoSelect(getTranslation("studiotools.interp.to"), "interp-to", choices, last);
        b.setHelperText(choices.size() < 2 ? getTranslation("studiotools.interp.one.photo") : null);
        toCase.addValueChangeListener(e -> {
            if (e.getValue() == null) {
                return;
            }
            List<Photo> ps = photoService.photosOf(e.getValue().id()).stream()
                    .filter(p -> p.kind() == PhotoKind.FRONT).toList();
            b.setItems(ps);
            b.setHelperText(null);
            if (!ps.isEmpty()) {
                b.setValue(ps.get(ps.size() - 1));
            }
        });
        Select<InterpolationMode> mode = new Select<>();
        mode.setLabel(getTranslation("studiotools.interp.mode"));
        mode.setTooltipText(getTranslation("studiotools.interp.mode.tooltip"));
        mode.setId("interp-mode");
        mode.setItems(InterpolationMode.values());
        mode.setItemLabelGenerator(m -> getTranslation(m == InterpolationMode.SLERP_EMBEDDING
                ? "studiotools.interp.mode.slerp" : "studiotools.interp.mode.wlerp"));
        mode.setValue(InterpolationMode.SLERP_EMBEDDING);
        mode.setWidth("20em");
        IntegerField steps = new IntegerField(getTranslation("studiotools.steps"));
        steps.setId("interp-steps");
        steps.setValue(8);
        steps.setMin(2);
        steps.setMax(32);
        steps.setStepButtonsVisible(true);
        steps.setWidth("7em");
        Button go = new Button(getTranslation("studiotools.compute"), VaadinIcon.PLAY.create());
        go.setId("interp-compute");
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        StripResult result = new StripResult(snapshots, patient, "interp");
        go.addClickListener(e -> {
            Photo pa = a.getValue();
            Photo pb = b.getValue();
            int n = steps.getValue() == null ? 0 : steps.getValue();
            if (pa == null || pb == null || n < 2 || n > 32) {
                Notification.show(getTranslation("studiotools.interp.invalid"), 4000, Notification.Position.TOP_CENTER);
                return;
            }
            InterpolationMode m = mode.getValue();
            PatientCase end = toCase.getValue() == null ? patient : toCase.getValue();
            go.setEnabled(false);
            result.clear();
            audit.record(AuditAction.INTERPOLATION_COMPUTED, patient.id(), "photo " + pa.id(),
                    "to photo " + pb.id() + " of case " + end.id() + " · " + n + " steps · " + m.name());
            interpJob.run(getTranslation("studiotools.interp.computing", n), patient.patientCode(), ctx -> {
                return inference.interpolate(PhotoReferences.of(photoService, pa),
                        PhotoReferences.of(photoService, pb), n, m, Sampling.defaults(),
                        ctx.walkingTo(end.patientCode()));
            }, images -> {
                List<String> labels = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    labels.add(String.format(Locale.ROOT, "t = %.2f", (double) i / (n - 1)));
                }
                Map<String, Object> params = new LinkedHashMap<>();
                params.put("from_photo_id", pa.id());
                params.put("to_photo_id", pb.id());
                params.put("to_case", end.patientCode());
                params.put("steps", n);
                params.put("mode", m.name());
                RealPhoto start = new RealPhoto(thumbnailSrc(pa),
                        getTranslation("studiotools.interp.start.alt", patient.patientCode()),
                        getTranslation("studiotools.interp.start.caption", patient.patientCode(), pa.label()));
                RealPhoto finish = new RealPhoto(thumbnailSrc(pb),
                        getTranslation("studiotools.interp.end.alt", end.patientCode()),
                        getTranslation("studiotools.interp.end.caption", end.patientCode(), pb.label()));
                // each step shows the photo it is nearer to, as its images' marks name that photo's patient
                result.show(images, labels, 0, "interpolate", "Interpolation · " + pa.label() + " → " + pb.label(),
                        params, step -> OperationContext.isNearerTheEnd((double) step / (n - 1)) ? finish : start);
            }, () -> go.setEnabled(true));
        });
        HorizontalLayout row = new HorizontalLayout(a, toCase, b, mode, steps, go, interpJob);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.setWrap(true);
        Div tab = new Div(intro, row, result);
        tab.setId("interp-tab");
        return tab;
    }

    private static NumberField number(String label, double value, String id) {
        NumberField f = new NumberField(label);
        f.setId(id);
        f.setValue(value);
        f.setStep(0.05);
        f.setMin(0.01);
        f.setStepButtonsVisible(true);
        f.setWidth("8.5em");
        return f;
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

}

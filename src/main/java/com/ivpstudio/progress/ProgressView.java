package com.ivpstudio.progress;

import com.ivpstudio.closeness.Closeness;
import com.ivpstudio.closeness.ComparisonWording;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.cases.CaseView;
import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.images.Photo;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.inference.Comparison;
import com.ivpstudio.inference.GeneratedImage;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.language.UserFormats;
import com.ivpstudio.security.CurrentUser;
import com.ivpstudio.studio.ReferencePair;
import com.ivpstudio.studio.CautionNote;
import com.ivpstudio.studio.StudioJobs;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Progress over time: per view, the real photos of each visit next to what the model predicted for that view
 * from the first front photo (and, if chosen, with a treatment nudge), each with how close it came.
 */
@Route("cases/:caseId(\\d+)/progress")
@PermitAll
public class ProgressView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final CaseService cases;
    private final ProgressTimelineService timelines;
    private final PhotoService photos;
    private final InferenceService inference;
    private final StudioJobs jobs;
    private final CurrentUser currentUser;
    private final Div result = new Div();
    private final Span status = new Span();
    private PatientCase patient;
    private StudioJobs.Job running;
    private long generation;

    public ProgressView(CaseService cases, ProgressTimelineService timelines, PhotoService photos,
            InferenceService inference, StudioJobs jobs, CurrentUser currentUser) {
        this.cases = cases;
        this.timelines = timelines;
        this.photos = photos;
        this.inference = inference;
        this.jobs = jobs;
        this.currentUser = currentUser;
        addClassName("progress-view");
    }

    public static RouteParameters parameters(long caseId) {
        return new RouteParameters("caseId", Long.toString(caseId));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long id = event.getRouteParameters().getLong("caseId").orElse(-1L);
        try {
            patient = cases.open(id);
        } catch (UserFacingException e) {
            event.rerouteToError(NotFoundException.class, e.getMessage());
            return;
        }
        removeAll();
        Span code = new Span(patient.patientCode());
        code.addClassName("patient-code");
        code.setId("patient-code");
        H2 title = new H2(getTranslation("progress.title") + " · ");
        title.add(code);
        title.addClassName("case-title");
        RouterLink back = new RouterLink(getTranslation("progress.back", patient.patientCode()), CaseView.class,
                CaseView.parameters(patient.id()));
        back.setId("back-to-case");
        add(title, back);

        Optional<BundleInfo> bundle = inference.activeBundle();
        List<Photo> fronts = timelines.fronts(patient.id());
        if (bundle.isEmpty() || fronts.isEmpty()) {
            Paragraph none = new Paragraph(getTranslation(bundle.isEmpty() ? "progress.no-model" : "progress.no-front"));
            none.setId("progress-unavailable");
            none.addClassName("studio-empty");
            add(none);
            return;
        }
        Paragraph model = new Paragraph(getTranslation("progress.model", bundle.get().name(), bundle.get().version()));
        model.addClassName("hint");
        add(intro(fronts.get(0)), model, controls(bundle.get()));
        status.setId("progress-status");
        status.addClassName("job-status");
        status.getElement().setAttribute("role", "status");
        result.setId("progress-timeline");
        result.addClassName("progress-timeline");
        result.getElement().setAttribute("role", "region");
        result.getElement().setAttribute("aria-label", getTranslation("progress.title"));
        result.removeAll();
        add(status, result);
        if (isAttached()) {
            // the same view shown for another case: its attach does not come again
            run(ProgressSettings.defaults());
        }
    }

    private Component intro(Photo input) {
        Paragraph p = new Paragraph(getTranslation("progress.intro", date(input)));
        p.addClassName("studio-intro");
        return p;
    }

    private Component controls(BundleInfo bundle) {
        Select<ReferencePair> pair = new Select<>();
        pair.setId("progress-pair");
        pair.setLabel(getTranslation("progress.nudge"));
        pair.setHelperText(getTranslation("progress.nudge.help"));
        pair.setItems(timelines.referencePairs());
        pair.setEmptySelectionAllowed(true);
        pair.setEmptySelectionCaption(getTranslation("progress.nudge.none"));
        pair.setItemLabelGenerator(p -> p == null ? getTranslation("progress.nudge.none") : p.name());
        pair.setWidth("22em");
        NumberField alpha = new NumberField(getTranslation("progress.alpha"));
        alpha.setId("progress-alpha");
        alpha.setHelperText(getTranslation("progress.alpha.help"));
        alpha.setValue(1.0);
        alpha.setMin(0);
        alpha.setMax(2);
        alpha.setStep(0.25);
        alpha.setStepButtonsVisible(true);
        alpha.setWidth("16em");
        alpha.setEnabled(false);
        pair.addValueChangeListener(e -> alpha.setEnabled(e.getValue() != null));

        IntegerField seed = new IntegerField(getTranslation("progress.seed"));
        seed.setId("progress-seed");
        seed.setHelperText(getTranslation("progress.seed.help"));
        seed.setValue(0);
        seed.setMin(0);
        seed.setStepButtonsVisible(true);
        NumberField psi = new NumberField(getTranslation("progress.psi"));
        psi.setId("progress-psi");
        psi.setHelperText(getTranslation("progress.psi.help"));
        psi.setValue(bundle.defaultPsi());
        psi.setMin(0);
        psi.setMax(2);
        psi.setStep(0.1);
        psi.setStepButtonsVisible(true);
        HorizontalLayout advancedFields = new HorizontalLayout(seed, psi);
        advancedFields.setWrap(true);
        Details advanced = new Details(getTranslation("progress.advanced"), advancedFields);
        advanced.setId("progress-advanced");

        Button show = new Button(getTranslation("progress.show"), VaadinIcon.CHART_TIMELINE.create());
        show.setId("progress-show");
        show.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        show.addClickListener(e -> run(new ProgressSettings(seed.getValue() == null ? 0 : seed.getValue(),
                psi.getValue() == null ? null : Math.max(0, Math.min(2, psi.getValue())),
                pair.getValue() == null ? null : pair.getValue().id(),
                alpha.getValue() == null ? 1.0 : Math.max(0, Math.min(2, alpha.getValue())))));
        HorizontalLayout row = new HorizontalLayout(pair, alpha, show);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.setWrap(true);
        row.addClassName("progress-controls");
        return new Div(row, advanced);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        if (patient != null && result.getParent().isPresent() && result.getChildren().findAny().isEmpty()) {
            run(ProgressSettings.defaults());
        }
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (running != null) {
            running.cancel();
        }
        super.onDetach(detachEvent);
    }

    private void run(ProgressSettings settings) {
        UI ui = UI.getCurrent();
        if (running != null) {
            running.cancel();
        }
        long mine = ++generation;
        status.setText(getTranslation("progress.running"));
        result.getElement().setAttribute("state", "running");
        long caseId = patient.id();
        // read here: the job runs on a worker thread, which has no signed-in user for the audit entry
        String username = currentUser.username();
        String mark = getTranslation("studio.mark.simulated");
        try {
            running = jobs.submit(patient.patientCode(),
                    ctx -> timelines.view(caseId, settings, username, ctx.markedAs(mark)),
                    new StudioJobs.Listener<Optional<ProgressTimeline>>() {
                        @Override
                        public void progress(int done, int total, String stage) {
                        }

                        @Override
                        public void retrying(int attempt, long delayMs) {
                            access(ui, mine, () -> status.setText(getTranslation("progress.busy")));
                        }

                        @Override
                        public void succeeded(Optional<ProgressTimeline> timeline) {
                            access(ui, mine, () -> {
                                status.setText(getTranslation("progress.done"));
                                timeline.ifPresent(ProgressView.this::show);
                                result.getElement().setAttribute("state", "done");
                            });
                        }

                        @Override
                        public void failed(String message) {
                            access(ui, mine, () -> {
                                status.setText(message);
                                result.getElement().setAttribute("state", "failed");
                            });
                        }

                        @Override
                        public void cancelled() {
                        }
                    });
        } catch (UserFacingException e) {
            status.setText(e.text(this::getTranslation));
        }
    }

    /** Shows a job's outcome unless a newer job has started since or the page is gone. */
    private void access(UI ui, long mine, Runnable show) {
        try {
            ui.access(() -> {
                if (mine == generation) {
                    show.run();
                }
            });
        } catch (UIDetachedException gone) {
            // the clinician left the page; nothing to show
        }
    }

    private void show(ProgressTimeline timeline) {
        result.removeAll();
        ComparisonWording wording = new ComparisonWording(this::getTranslation, getLocale());
        Paragraph explain = new Paragraph(wording.explanation());
        explain.addClassName("hint");
        explain.setId("progress-explanation");
        result.add(explain);
        if (timeline.views().stream().anyMatch(v -> v.nudged() != null)) {
            TimelineModel drawnBy = timelines.drawnBy(timeline);
            result.add(CautionNote.nudge("progress-nudge-caution", this::getTranslation, drawnBy.name(),
                    drawnBy.version(), drawnBy.nudgeMeasured()));
        }

        Div fronts = grid();
        for (Photo f : timeline.fronts()) {
            boolean input = f.id() == timeline.input().id();
            fronts.add(card(real(f), caption(f), badge(getTranslation(input ? "progress.badge.input"
                    : "progress.badge.uploaded"), input ? "input-badge" : "real-badge")));
        }
        result.add(section("front", getTranslation("progress.view.front"), fronts));

        for (ViewProgress v : timeline.views()) {
            String view = v.view().manifestName();
            String viewName = getTranslation("progress.view." + view);
            Div row = grid();
            Div predicted = card(simulated(v.predicted(), viewName), getTranslation("progress.predicted", date(timeline.input())),
                    badge(getTranslation("progress.badge.simulated"), "simulated-badge"));
            predicted.addClassName("progress-predicted");
            row.add(predicted);
            if (v.nudged() != null) {
                Div nudged = card(simulated(v.nudged(), viewName), getTranslation("progress.nudged", timeline.nudgeName(),
                        UserFormats.number(timeline.nudgeAlpha(), 2, getLocale())),
                        badge(getTranslation("progress.badge.simulated"), "simulated-badge"));
                nudged.addClassName("progress-nudged");
                row.add(nudged);
            }
            for (ProgressPoint point : v.points()) {
                Div card = card(real(point.actual()), caption(point.actual()),
                        badge(getTranslation("progress.badge.uploaded"), "real-badge"));
                card.addClassName("progress-real");
                card.getElement().setAttribute("data-photo-id", Long.toString(point.actual().id()));
                card.add(closeness("progress.vs-predicted", point.predicted(), wording));
                if (point.nudged() != null) {
                    card.add(closeness("progress.vs-nudged", point.nudged(), wording));
                }
                row.add(card);
            }
            if (v.points().isEmpty()) {
                Paragraph none = new Paragraph(getTranslation("progress.no-real"));
                none.addClassName("hint");
                row.add(none);
            }
            result.add(section(view, viewName, row));
        }
    }

    private Div closeness(String which, Comparison c, ComparisonWording wording) {
        Span verdict = new Span(getTranslation(which) + " " + wording.verdict(c));
        verdict.addClassNames("closeness", Closeness.of(c).styleName());
        Span numbers = new Span(wording.numbers(c));
        numbers.addClassName("closeness-numbers");
        Div d = new Div(verdict, numbers);
        d.addClassName("progress-closeness");
        return d;
    }

    private static Div section(String view, String title, Div content) {
        Div d = new Div(new H3(title), content);
        d.addClassName("progress-section");
        d.getElement().setAttribute("data-view", view);
        return d;
    }

    private static Div grid() {
        Div d = new Div();
        d.addClassName("progress-row");
        return d;
    }

    private static Div card(Image img, String caption, Span badge) {
        Span text = new Span(caption);
        text.addClassName("progress-caption");
        Div cap = new Div(text, badge);
        cap.addClassName("cell-caption");
        Div card = new Div(img, cap);
        card.addClassName("progress-card");
        return card;
    }

    private static Span badge(String text, String className) {
        Span s = new Span(text);
        s.addClassName(className);
        return s;
    }

    private Image real(Photo p) {
        Image img = new Image("data:image/jpeg;base64," + Base64.getEncoder().encodeToString(photos.thumbnail(p.id())),
                getTranslation("progress.alt.real", getTranslation("progress.view." + p.kind().name().toLowerCase(Locale.ROOT)),
                        p.label(), date(p)));
        img.addClassName("progress-img");
        return img;
    }

    private Image simulated(GeneratedImage g, String viewName) {
        Image img = new Image("data:image/png;base64," + Base64.getEncoder().encodeToString(g.png()),
                getTranslation("progress.alt.simulated", viewName, patient.patientCode()));
        img.addClassName("progress-img");
        return img;
    }

    private String caption(Photo p) {
        return p.label() + " · " + date(p);
    }

    private String date(Photo p) {
        return UserFormats.date(p.capturedOn(), getLocale());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("progress.title") + (patient == null ? "" : " · " + patient.patientCode()) + " · IVP Studio";
    }
}

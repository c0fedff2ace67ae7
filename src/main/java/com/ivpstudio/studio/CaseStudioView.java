package com.ivpstudio.studio;

import com.ivpstudio.cases.CaseService;
import com.ivpstudio.cases.CaseView;
import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.images.Photo;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.security.CurrentUser;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.RouterLink;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A studio screen about one case: header (patient code, back to the case), the no-model notice, the content. */
abstract class CaseStudioView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    protected final CaseService cases;
    protected final PhotoService photoService;
    protected final InferenceService inference;
    private final CurrentUser currentUser;
    protected PatientCase patient;
    private final String screenTitleKey;

    CaseStudioView(CaseService cases, PhotoService photoService, InferenceService inference, CurrentUser currentUser,
            String screenTitleKey) {
        this.cases = cases;
        this.photoService = photoService;
        this.inference = inference;
        this.currentUser = currentUser;
        this.screenTitleKey = screenTitleKey;
        addClassName("studio-view");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        patient = StudioRoutes.openCase(event, cases);
        if (patient == null) {
            return;
        }
        removeAll();
        Span code = new Span(patient.patientCode());
        code.addClassName("patient-code");
        code.setId("patient-code");
        H2 title = new H2(getTranslation(screenTitleKey) + " · ");
        title.add(code);
        title.addClassName("case-title");
        RouterLink back = new RouterLink(getTranslation("studio.back-to-case", patient.patientCode()), CaseView.class,
                CaseView.parameters(patient.id()));
        back.setId("back-to-case");
        Div header = new Div(title, back);
        header.addClassName("case-header");
        add(header);
        Optional<BundleInfo> bundle = inference.activeBundle();
        if (bundle.isEmpty()) {
            add(StudioUi.noModelNotice(currentUser.isAdmin(), this::getTranslation));
            return;
        }
        Paragraph model = new Paragraph(StudioUi.modelLine(bundle.get(), this::getTranslation) + ". "
                + getTranslation("studio.model.simulation-note"));
        model.addClassName("hint");
        add(model);
        build(bundle.get());
    }

    protected abstract void build(BundleInfo bundle);

    @Override
    public String getPageTitle() {
        return getTranslation(screenTitleKey) + (patient == null ? "" : " · " + patient.patientCode())
                + " · IVP Studio";
    }

    protected List<Photo> photos() {
        return photoService.photosOf(patient.id()).stream()
                .sorted(Comparator.comparing(Photo::capturedOn).thenComparing(p -> p.kind().ordinal())
                        .thenComparingLong(Photo::id))
                .toList();
    }

    protected Select<Photo> photoSelect(String label, String id, List<Photo> photos, Photo initial) {
        Select<Photo> s = new Select<>();
        s.setLabel(label);
        s.setId(id);
        s.setItems(photos);
        s.setItemLabelGenerator(this::photoLabel);
        s.setRenderer(photoThumbnails(photoService));
        if (initial != null) {
            s.setValue(initial);
        }
        s.setWidth("22em");
        return s;
    }

    /** A photo as this screen's pickers name it, in the user's language and date format. */
    protected String photoLabel(Photo p) {
        return StudioUi.photoLabel(p, this::getTranslation, getLocale());
    }

    /** Each photo of a picker with its thumbnail beside the label. */
    ComponentRenderer<Component, Photo> photoThumbnails(PhotoService photoService) {
        return new ComponentRenderer<>(p -> {
            String label = photoLabel(p);
            return ThumbnailItems.row(label, ThumbnailItems.image(() -> photoService.thumbnail(p.id()), label));
        });
    }

    protected Component emptyCase() {
        Paragraph p = new Paragraph("This case has no photos yet. Upload a front photo on the case page first.");
        p.setId("no-photos");
        p.addClassName("studio-empty");
        return p;
    }

    protected String thumbnailSrc(Photo p) {
        return StudioUi.dataUrl(photoService.thumbnail(p.id()), "image/jpeg");
    }
}

package com.ivpstudio.cases;

import com.ivpstudio.images.Photo;
import com.ivpstudio.images.PhotoLimits;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.images.PhotoTimeline;
import com.ivpstudio.images.PhotoUploadPanel;
import com.ivpstudio.images.PhotoViewerDialog;
import com.ivpstudio.common.UserFacingException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/** One case: whose it is (always visible), its photos over time, and the place where predictions appear. */
@Route("cases/:caseId(\\d+)")
@PermitAll
public class CaseView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final CaseService cases;
    private final PhotoService photos;
    private final PhotoLimits limits;
    private final List<CasePanelProvider> panelProviders;
    private PatientCase current;

    public CaseView(CaseService cases, PhotoService photos, PhotoLimits limits, List<CasePanelProvider> panelProviders) {
        this.cases = cases;
        this.photos = photos;
        this.limits = limits;
        this.panelProviders = panelProviders;
        addClassName("case-view");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long id = event.getRouteParameters().getLong("caseId").orElse(-1L);
        try {
            current = cases.open(id);
        } catch (UserFacingException e) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, e.getMessage());
            return;
        }
        render();
    }

    public static com.vaadin.flow.router.RouteParameters parameters(long caseId) {
        return new com.vaadin.flow.router.RouteParameters("caseId", Long.toString(caseId));
    }

    @Override
    public String getPageTitle() {
        return current == null ? "Case · IVP Studio" : current.patientCode() + " · IVP Studio";
    }

    private void render() {
        removeAll();
        PatientCase c = current;
        add(header(c));

        PhotoTimeline timeline = new PhotoTimeline(photos, p -> new PhotoViewerDialog(p, c.patientCode(), photos).open());
        List<Photo> list = photos.photosOf(c.id());
        timeline.show(list);

        H3 photosTitle = new H3("Photos");
        VerticalLayout photoSection = new VerticalLayout(photosTitle);
        photoSection.setPadding(false);
        if (!c.isArchived()) {
            Details uploadDetails = new Details("Upload photos",
                    new PhotoUploadPanel(c.id(), photos, limits, stored -> timeline.show(photos.photosOf(c.id()))));
            uploadDetails.setOpened(list.isEmpty());
            uploadDetails.setId("upload-details");
            photoSection.add(uploadDetails);
        }
        photoSection.add(timeline);
        // What the clinician came for (predictions, snapshots) comes first; the photo archive follows.
        panelProviders.forEach(p -> add(p.panelFor(c)));
        add(photoSection);
    }

    private Div header(PatientCase c) {
        Span code = new Span(c.patientCode());
        code.addClassName("patient-code");
        code.setId("patient-code");
        H2 title = new H2(code);
        title.addClassName("case-title");
        Div facts = new Div();
        facts.addClassName("case-facts");
        if (c.displayName() != null) {
            facts.add(new Span(c.displayName()));
        }
        if (c.birthYear() != null) {
            facts.add(new Span("born " + c.birthYear()));
        }
        if (c.sex() != null) {
            facts.add(new Span(c.sex().label()));
        }
        c.tags().forEach(t -> {
            Span s = new Span(t);
            s.getElement().getThemeList().add("badge contrast small");
            facts.add(s);
        });
        if (c.synthetic()) {
            Span s = new Span("Synthetic demo patient");
            s.getElement().getThemeList().add("badge");
            facts.add(s);
        }
        if (c.isArchived()) {
            Span s = new Span("Archived");
            s.getElement().getThemeList().add("badge error");
            facts.add(s);
        }

        Button edit = new Button("Edit", VaadinIcon.EDIT.create(), e -> new CaseEditorDialog(cases, c, saved -> {
            current = saved;
            render();
        }).open());
        edit.setId("edit-case");
        Button archive = c.isArchived()
                ? new Button("Restore", VaadinIcon.ARROW_BACKWARD.create(), e -> {
                    current = cases.restore(c.id());
                    render();
                })
                : new Button("Archive", VaadinIcon.ARCHIVE.create(), e -> confirmArchive(c));
        archive.setId("archive-case");
        archive.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout actions = new HorizontalLayout(new RouterLink("← All cases", CaseListView.class), edit, archive);
        actions.setAlignItems(FlexComponent.Alignment.CENTER);

        Div header = new Div(title, facts, actions);
        header.addClassName("case-header");
        if (c.notes() != null) {
            Paragraph notes = new Paragraph(c.notes());
            notes.addClassName("case-notes");
            header.add(notes);
        }
        return header;
    }

    private void confirmArchive(PatientCase c) {
        ConfirmDialog dialog = new ConfirmDialog("Archive case " + c.patientCode() + "?",
                "Archived cases are hidden from the default list and take no new photos. Nothing is deleted; you can restore it.",
                "Archive", e -> {
                    current = cases.archive(c.id());
                    render();
                });
        dialog.setCancelable(true);
        dialog.open();
    }
}

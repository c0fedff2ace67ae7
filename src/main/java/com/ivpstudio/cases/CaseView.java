package com.ivpstudio.cases;

import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.images.CasePhotosChangedEvent;
import com.ivpstudio.images.Photo;
import com.ivpstudio.images.PhotoLimits;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.images.PhotoTimeline;
import com.ivpstudio.images.PhotoUploadPanel;
import com.ivpstudio.images.PhotoViewerDialog;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.DetachEvent;
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
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/**
 * One case: whose it is (always visible), the panels other features plug in (predicted views, snapshots …), and
 * its photos over time. When the photos change the panels and the timeline are rebuilt, so nothing on the page
 * waits for a reload.
 */
@Route("cases/:caseId(\\d+)")
@PermitAll
public class CaseView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final CaseService cases;
    private final PhotoService photos;
    private final PhotoLimits limits;
    private final List<CasePanelProvider> panelProviders;
    private final Div panels = new Div();
    private PhotoTimeline timeline;
    private PatientCase current;
    private Registration photosChanged;

    public CaseView(CaseService cases, PhotoService photos, PhotoLimits limits, List<CasePanelProvider> panelProviders) {
        this.cases = cases;
        this.photos = photos;
        this.limits = limits;
        this.panelProviders = panelProviders;
        addClassName("case-view");
        panels.addClassName("case-panels");
        panels.setWidthFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long id = event.getRouteParameters().getLong("caseId").orElse(-1L);
        try {
            current = cases.open(id);
        } catch (UserFacingException e) {
            event.rerouteToError(NotFoundException.class, e.getMessage());
            return;
        }
        render();
    }

    public static RouteParameters parameters(long caseId) {
        return new RouteParameters("caseId", Long.toString(caseId));
    }

    @Override
    public String getPageTitle() {
        return current == null ? getTranslation("casepage.title.none")
                : getTranslation("casepage.title", current.patientCode());
    }

    private void render() {
        removeAll();
        add(header(current));
        // What the clinician came for (predictions, snapshots) comes first; the photo archive follows.
        add(panels);
        add(photoSection(current));
        showPanels();
    }

    private void showPanels() {
        panels.removeAll();
        panelProviders.forEach(p -> panels.add(p.panelFor(current)));
    }

    private VerticalLayout photoSection(PatientCase c) {
        timeline = new PhotoTimeline(photos, p -> new PhotoViewerDialog(p, c.patientCode(), photos,
                !c.isArchived()).open());
        List<Photo> list = photos.photosOf(c.id());
        timeline.show(list);
        VerticalLayout section = new VerticalLayout(new H3(getTranslation("casepage.photos")));
        section.setPadding(false);
        section.addClassName("case-photos");
        if (!c.isArchived()) {
            Details upload = new Details(getTranslation("casepage.upload"), new PhotoUploadPanel(c.id(), photos, limits));
            upload.setOpened(list.isEmpty());
            upload.setId("upload-details");
            section.add(upload);
        }
        section.add(timeline);
        return section;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        photosChanged = ComponentUtil.addListener(attachEvent.getUI(), CasePhotosChangedEvent.class, e -> {
            if (current != null && e.caseId() == current.id()) {
                timeline.show(photos.photosOf(current.id()));
                showPanels();
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (photosChanged != null) {
            photosChanged.remove();
        }
        super.onDetach(detachEvent);
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
            facts.add(new Span(getTranslation("casepage.born", Integer.toString(c.birthYear()))));
        }
        if (c.sex() != null) {
            facts.add(new Span(getTranslation("casepage.sex." + c.sex().name())));
        }
        c.tags().forEach(t -> {
            Span s = new Span(t);
            s.getElement().getThemeList().add("badge contrast small");
            facts.add(s);
        });
        if (c.synthetic()) {
            facts.add(badge("casepage.synthetic", "badge"));
        }
        if (c.isArchived()) {
            facts.add(badge("casepage.archived", "badge error"));
        }

        Button edit = new Button(getTranslation("casepage.edit"), VaadinIcon.EDIT.create(),
                e -> new CaseEditorDialog(cases, c, saved -> {
                    current = saved;
                    render();
                }).open());
        edit.setId("edit-case");
        Button archive = c.isArchived()
                ? new Button(getTranslation("casepage.restore"), VaadinIcon.ARROW_BACKWARD.create(), e -> {
                    current = cases.restore(c.id());
                    render();
                })
                : new Button(getTranslation("casepage.archive"), VaadinIcon.ARCHIVE.create(), e -> confirmArchive(c));
        archive.setId("archive-case");
        archive.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout actions = new HorizontalLayout(
                new RouterLink(getTranslation("casepage.all-cases"), CaseListView.class), edit, archive);
        actions.setAlignItems(FlexComponent.Alignment.CENTER);
        actions.addClassName("case-actions");

        Div header = new Div(title, facts, actions);
        header.addClassName("case-header");
        if (c.notes() != null) {
            Paragraph notes = new Paragraph(c.notes());
            notes.addClassName("case-notes");
            // One line on screen (the views come first); the whole text on hover and in print.
            notes.setTitle(c.notes());
            header.add(notes);
        }
        return header;
    }

    private Span badge(String key, String theme) {
        Span s = new Span(getTranslation(key));
        s.getElement().getThemeList().add(theme);
        return s;
    }

    private void confirmArchive(PatientCase c) {
        ConfirmDialog dialog = new ConfirmDialog(getTranslation("casepage.archive.title", c.patientCode()),
                getTranslation("casepage.archive.text"), getTranslation("casepage.archive"), e -> {
                    current = cases.archive(c.id());
                    render();
                });
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("casepage.cancel"));
        dialog.open();
    }
}

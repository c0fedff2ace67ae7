package com.ivpstudio.studio;

import com.ivpstudio.cases.CaseFilter;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.cases.CaseSort;
import com.ivpstudio.cases.CaseView;
import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.security.CurrentUser;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Optional;

/** The studio's entry: which model is active, and a case to open in one of the studio screens. */
@Route("studio")
@PageTitle("Studio · IVP Studio")
@PermitAll
public class StudioHomeView extends VerticalLayout {

    public StudioHomeView(InferenceService inference, CurrentUser currentUser, CaseService cases) {
        addClassName("studio-view");
        add(new H2("Studio"));
        Optional<BundleInfo> bundle = inference.activeBundle();
        if (bundle.isEmpty()) {
            add(StudioUi.noModelNotice(currentUser.isAdmin()));
        } else {
            Paragraph p = new Paragraph(StudioUi.modelLine(bundle.get()) + ".");
            p.addClassName("hint");
            p.setId("active-model");
            add(p);
        }
        add(new Paragraph("Pick a case, then choose what to explore. Predicted views are on the case page itself; "
                + "saved snapshots are listed there too."));
        ComboBox<PatientCase> pick = new ComboBox<>("Case");
        pick.setId("studio-case");
        pick.setItems(q -> cases.find(new CaseFilter(q.getFilter().orElse(null), null, null),
                List.of(new CaseSort(CaseSort.Column.PATIENT_CODE, true)), q.getOffset(), q.getLimit()).stream());
        pick.setItemLabelGenerator(PatientCase::patientCode);
        pick.setPlaceholder("Patient code");
        Button caseButton = new Button("Case page & predicted views", e -> go(pick, CaseView.class));
        Button nudge = new Button("Nudge studio", e -> go(pick, NudgeStudioView.class));
        Button text = new Button("Text prompts", e -> go(pick, TextStudioView.class));
        Button explore = new Button("Norm & interpolation", e -> go(pick, ExplorerView.class));
        List.of(caseButton, nudge, text, explore).forEach(b -> b.setEnabled(false));
        pick.addValueChangeListener(e -> List.of(caseButton, nudge, text, explore)
                .forEach(b -> b.setEnabled(e.getValue() != null)));
        HorizontalLayout row = new HorizontalLayout(pick, caseButton, nudge, text, explore);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.setWrap(true);
        Div box = new Div(row);
        box.addClassName("studio-settings");
        add(box);
    }

    private static void go(ComboBox<PatientCase> pick,
            Class<? extends com.vaadin.flow.component.Component> target) {
        PatientCase c = pick.getValue();
        if (c != null) {
            pick.getUI().ifPresent(ui -> ui.navigate(target, StudioRoutes.caseParams(c.id())));
        }
    }
}

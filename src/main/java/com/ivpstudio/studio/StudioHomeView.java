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
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Optional;

/** The studio's entry: which model is active, and a case to open in one of the studio screens. */
@Route("studio")
@PermitAll
public class StudioHomeView extends VerticalLayout implements HasDynamicTitle {

    public StudioHomeView(InferenceService inference, CurrentUser currentUser, CaseService cases) {
        addClassName("studio-view");
        add(new H2(getTranslation("casepage.studio.title")));
        Optional<BundleInfo> bundle = inference.activeBundle();
        if (bundle.isEmpty()) {
            add(StudioUi.noModelNotice(currentUser.isAdmin(), this::getTranslation));
        } else {
            Paragraph p = new Paragraph(StudioUi.modelLine(bundle.get(), this::getTranslation) + ".");
            p.addClassName("hint");
            p.setId("active-model");
            add(p);
        }
        add(new Paragraph(getTranslation("casepage.studio.intro")));
        ComboBox<PatientCase> pick = new ComboBox<>(getTranslation("casepage.studio.case"));
        pick.setId("studio-case");
        pick.setItems(q -> cases.find(new CaseFilter(q.getFilter().orElse(null), null, null),
                List.of(new CaseSort(CaseSort.Column.PATIENT_CODE, true)), q.getOffset(), q.getLimit()).stream());
        pick.setItemLabelGenerator(PatientCase::patientCode);
        pick.setPlaceholder(getTranslation("casepage.list.code"));
        // Opens where the clinician left off: the case they were last on (any screen that opens a case counts).
        cases.lastOpened().ifPresent(pick::setValue);
        Button caseButton = new Button(getTranslation("casepage.studio.case-page"), e -> go(pick, CaseView.class));
        caseButton.setId("studio-open-case");
        Button nudge = new Button(getTranslation("casepage.predicted.link.nudge"), e -> go(pick, NudgeStudioView.class));
        Button text = new Button(getTranslation("casepage.predicted.link.text"), e -> go(pick, TextStudioView.class));
        Button explore = new Button(getTranslation("casepage.predicted.link.explore"), e -> go(pick, ExplorerView.class));
        List.of(caseButton, nudge, text, explore).forEach(b -> b.setEnabled(pick.getValue() != null));
        pick.addValueChangeListener(e -> {
            List.of(caseButton, nudge, text, explore).forEach(b -> b.setEnabled(e.getValue() != null));
            if (e.getValue() != null && e.isFromClient()) {
                cases.remember(e.getValue().id());
            }
        });
        HorizontalLayout row = new HorizontalLayout(pick, caseButton, nudge, text, explore);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.setWrap(true);
        Div box = new Div(row);
        box.addClassName("studio-settings");
        add(box);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("casepage.studio.page-title");
    }

    private static void go(ComboBox<PatientCase> pick,
            Class<? extends com.vaadin.flow.component.Component> target) {
        PatientCase c = pick.getValue();
        if (c != null) {
            pick.getUI().ifPresent(ui -> ui.navigate(target, StudioRoutes.caseParams(c.id())));
        }
    }
}

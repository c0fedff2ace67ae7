package com.ivpstudio.cases;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/** All cases, paged and sorted on the server so that ten thousand cases load as fast as ten. */
@Route("cases")
@RouteAlias("")
@PageTitle("Cases · IVP Studio")
@PermitAll
public class CaseListView extends VerticalLayout {

    private static final DateTimeFormatter UPDATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final CaseService service;
    private final Grid<PatientCase> grid = new Grid<>();
    private final TextField search = new TextField();
    private final ComboBox<String> tag = new ComboBox<>();
    private final Select<String> status = new Select<>();

    public CaseListView(CaseService service) {
        this.service = service;
        addClassName("case-list-view");
        setSizeFull();

        H2 title = new H2("Patient cases");
        Button create = new Button("New case", VaadinIcon.PLUS.create(),
                e -> new CaseEditorDialog(service, null, saved -> getUI().ifPresent(ui -> ui.navigate(CaseView.class, CaseView.parameters(saved.id())))).open());
        create.setId("new-case");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout top = new HorizontalLayout(title, create);
        top.setWidthFull();
        top.setAlignItems(FlexComponent.Alignment.BASELINE);
        top.expand(title);

        search.setPlaceholder("Search code or name");
        search.setId("case-search");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> refresh());
        tag.setPlaceholder("Tag");
        tag.setClearButtonVisible(true);
        tag.setItems(service.allTags());
        tag.addValueChangeListener(e -> refresh());
        status.setItems("Active", "Archived", "All");
        status.setValue("Active");
        status.addValueChangeListener(e -> refresh());
        HorizontalLayout filters = new HorizontalLayout(search, tag, status);

        grid.addColumn(PatientCase::patientCode).setHeader("Patient code").setKey("PATIENT_CODE").setSortable(true)
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(c -> Optional.ofNullable(c.displayName()).orElse("")).setHeader("Name").setKey("DISPLAY_NAME").setSortable(true);
        grid.addColumn(c -> c.birthYear() == null ? "" : c.birthYear().toString()).setHeader("Born").setKey("BIRTH_YEAR")
                .setSortable(true).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(CaseListView::tagBadges).setHeader("Tags");
        grid.addComponentColumn(CaseListView::statusBadge).setHeader("Status").setKey("STATUS").setSortable(true)
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(c -> UPDATED.format(c.updatedAt())).setHeader("Updated").setKey("UPDATED_AT").setSortable(true)
                .setAutoWidth(true).setFlexGrow(0);
        grid.setItems(query -> service.find(filter(), sorts(query.getSortOrders()), query.getOffset(), query.getLimit()).stream(),
                query -> (int) Math.min(Integer.MAX_VALUE, service.count(filter())));
        grid.setPageSize(50);
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(CaseView.class, CaseView.parameters(e.getItem().id()))));
        grid.setId("case-grid");
        grid.setSizeFull();
        grid.setEmptyStateText("No cases match. Create one with \"New case\".");

        add(top, filters, grid);
        expand(grid);
    }

    private CaseFilter filter() {
        CaseStatus s = switch (status.getValue() == null ? "Active" : status.getValue()) {
            case "Archived" -> CaseStatus.ARCHIVED;
            case "All" -> null;
            default -> CaseStatus.ACTIVE;
        };
        return new CaseFilter(search.getValue(), tag.getValue(), s);
    }

    private static List<CaseSort> sorts(List<com.vaadin.flow.data.provider.QuerySortOrder> orders) {
        return orders.stream()
                .map(o -> new CaseSort(CaseSort.Column.valueOf(o.getSorted()), o.getDirection() == SortDirection.ASCENDING))
                .toList();
    }

    private void refresh() {
        grid.getDataProvider().refreshAll();
    }

    private static HorizontalLayout tagBadges(PatientCase c) {
        HorizontalLayout badges = new HorizontalLayout();
        badges.setSpacing(false);
        badges.addClassName("tag-badges");
        c.tags().forEach(t -> {
            Span s = new Span(t);
            s.getElement().getThemeList().add("badge contrast small");
            badges.add(s);
        });
        if (c.synthetic()) {
            Span s = new Span("synthetic demo");
            s.getElement().getThemeList().add("badge small");
            badges.add(s);
        }
        return badges;
    }

    private static Span statusBadge(PatientCase c) {
        Span s = new Span(c.isArchived() ? "Archived" : "Active");
        s.getElement().getThemeList().add(c.isArchived() ? "badge contrast" : "badge success");
        return s;
    }
}

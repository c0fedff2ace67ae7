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
import com.ivpstudio.language.UserFormats;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** All cases, paged and sorted on the server so that ten thousand cases load as fast as ten. */
@Route("cases")
@RouteAlias("")
@PermitAll
public class CaseListView extends VerticalLayout implements HasDynamicTitle {

    private static final String ACTIVE = "ACTIVE";
    private static final String ARCHIVED = "ARCHIVED";
    private static final String ALL = "ALL";

    private final CaseService service;
    private final Grid<PatientCase> grid = new Grid<>();
    private final TextField search = new TextField();
    private final ComboBox<String> tag = new ComboBox<>();
    private final Select<String> status = new Select<>();
    /** The row the keyboard is on, so that Enter or Space opens it as a click does. */
    private PatientCase focused;

    public CaseListView(CaseService service) {
        this.service = service;
        addClassName("case-list-view");
        setSizeFull();

        H2 title = new H2(getTranslation("casepage.list.title"));
        Button create = new Button(getTranslation("casepage.list.new"), VaadinIcon.PLUS.create(),
                e -> new CaseEditorDialog(service, null, saved -> getUI().ifPresent(ui -> ui.navigate(CaseView.class, CaseView.parameters(saved.id())))).open());
        create.setId("new-case");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout top = new HorizontalLayout(title, create);
        top.setWidthFull();
        top.setAlignItems(FlexComponent.Alignment.BASELINE);
        top.expand(title);

        search.setPlaceholder(getTranslation("casepage.list.search"));
        search.setAriaLabel(getTranslation("casepage.list.search"));
        search.setId("case-search");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> refresh());
        tag.setPlaceholder(getTranslation("casepage.list.tag"));
        tag.setAriaLabel(getTranslation("casepage.list.tag"));
        tag.setId("case-tag");
        tag.setClearButtonVisible(true);
        tag.setItems(service.allTags());
        tag.addValueChangeListener(e -> refresh());
        status.setItems(ACTIVE, ARCHIVED, ALL);
        status.setItemLabelGenerator(v -> getTranslation("casepage.list.status." + v));
        status.setValue(ACTIVE);
        status.setAriaLabel(getTranslation("casepage.list.status"));
        status.setId("case-status");
        status.addValueChangeListener(e -> refresh());
        HorizontalLayout filters = new HorizontalLayout(search, tag, status);
        filters.setWrap(true);
        filters.addClassName("case-filters");
        filters.setWidthFull();

        grid.addColumn(PatientCase::patientCode).setHeader(getTranslation("casepage.list.code")).setKey("PATIENT_CODE").setSortable(true)
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(c -> Optional.ofNullable(c.displayName()).orElse("")).setHeader(getTranslation("casepage.list.name")).setKey("DISPLAY_NAME").setSortable(true);
        grid.addColumn(c -> c.birthYear() == null ? "" : c.birthYear().toString()).setHeader(getTranslation("casepage.list.born")).setKey("BIRTH_YEAR")
                .setSortable(true).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::tagBadges).setHeader(getTranslation("casepage.list.tags"));
        grid.addComponentColumn(this::statusBadge).setHeader(getTranslation("casepage.list.status")).setKey("STATUS").setSortable(true)
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(c -> UserFormats.dateTime(c.updatedAt(), ZoneId.systemDefault(), getLocale()))
                .setHeader(getTranslation("casepage.list.updated")).setKey("UPDATED_AT").setSortable(true)
                .setAutoWidth(true).setFlexGrow(0);
        grid.setItems(query -> service.find(filter(), sorts(query.getSortOrders()), query.getOffset(), query.getLimit()).stream(),
                query -> (int) Math.min(Integer.MAX_VALUE, service.count(filter())));
        grid.setPageSize(50);
        grid.addItemClickListener(e -> open(e.getItem()));
        grid.addCellFocusListener(e -> focused = e.getItem().orElse(null));
        grid.getElement().addEventListener("keydown", e -> open(focused))
                .setFilter("(event.key === 'Enter' || event.key === ' ') && event.composedPath()[0].closest"
                        + " && !!event.composedPath()[0].closest('tbody#items')")
                .preventDefault();
        grid.setId("case-grid");
        grid.setSizeFull();
        grid.setEmptyStateText(getTranslation("casepage.list.empty"));

        add(top, filters, grid);
        expand(grid);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("casepage.list.page-title");
    }

    private void open(PatientCase c) {
        if (c != null) {
            getUI().ifPresent(ui -> ui.navigate(CaseView.class, CaseView.parameters(c.id())));
        }
    }

    private CaseFilter filter() {
        CaseStatus s = switch (status.getValue() == null ? ACTIVE : status.getValue()) {
            case ARCHIVED -> CaseStatus.ARCHIVED;
            case ALL -> null;
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

    private HorizontalLayout tagBadges(PatientCase c) {
        HorizontalLayout badges = new HorizontalLayout();
        badges.setSpacing(false);
        badges.addClassName("tag-badges");
        c.tags().forEach(t -> {
            Span s = new Span(t);
            s.getElement().getThemeList().add("badge contrast small");
            badges.add(s);
        });
        if (c.synthetic()) {
            Span s = new Span(getTranslation("casepage.list.synthetic"));
            s.getElement().getThemeList().add("badge small");
            badges.add(s);
        }
        return badges;
    }

    private Span statusBadge(PatientCase c) {
        Span s = new Span(getTranslation("casepage.list.status." + (c.isArchived() ? ARCHIVED : ACTIVE)));
        s.getElement().getThemeList().add(c.isArchived() ? "badge contrast" : "badge success");
        return s;
    }
}

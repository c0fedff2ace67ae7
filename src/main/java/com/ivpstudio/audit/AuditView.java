package com.ivpstudio.audit;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.RolesAllowed;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The audit trail for administrators: filter by user, action, case and time; export what is shown as CSV. */
@Route("admin/audit")
@PageTitle("Audit · IVP Studio")
@RolesAllowed("ADMIN")
public class AuditView extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final TextField actor = new TextField("User");
    private final ComboBox<AuditAction> action = new ComboBox<>("Action");
    private final IntegerField caseId = new IntegerField("Case id");
    private final DateTimePicker from = new DateTimePicker("From");
    private final DateTimePicker to = new DateTimePicker("To");
    private final Grid<AuditEvent> grid = new Grid<>();

    public AuditView(AuditLog audit) {
        setSizeFull();
        addClassName("audit-view");
        actor.setValueChangeMode(ValueChangeMode.LAZY);
        actor.setClearButtonVisible(true);
        action.setItems(AuditAction.values());
        action.setClearButtonVisible(true);
        caseId.setClearButtonVisible(true);
        actor.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        action.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        caseId.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        from.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        to.addValueChangeListener(e -> grid.getDataProvider().refreshAll());

        Anchor export = new Anchor(DownloadHandler.fromInputStream(e -> {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (OutputStreamWriter w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                audit.exportCsv(filter(), w);
            }
            audit.record(AuditAction.AUDIT_EXPORTED, null);
            byte[] bytes = out.toByteArray();
            return new com.vaadin.flow.server.streams.DownloadResponse(new java.io.ByteArrayInputStream(bytes),
                    "audit.csv", "text/csv", bytes.length);
        }), "");
        export.getElement().setAttribute("download", true);
        export.add(new Button("Export CSV", VaadinIcon.DOWNLOAD.create()));

        HorizontalLayout filters = new HorizontalLayout(actor, action, caseId, from, to, export);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);

        grid.addColumn(e -> TIME.format(e.occurredAt())).setHeader("Time").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditEvent::actor).setHeader("User").setAutoWidth(true);
        grid.addColumn(e -> e.action().name()).setHeader("Action").setAutoWidth(true);
        grid.addColumn(e -> e.caseId() == null ? "" : e.caseId().toString()).setHeader("Case").setAutoWidth(true);
        grid.addColumn(AuditEvent::targetId).setHeader("Target");
        grid.addColumn(AuditEvent::detail).setHeader("Detail");
        grid.setItems(q -> audit.find(filter(), q.getOffset(), q.getLimit()).stream(),
                q -> (int) Math.min(Integer.MAX_VALUE, audit.count(filter())));
        grid.setId("audit-grid");
        add(new H2("Audit trail"), filters, grid);
        expand(grid);
    }

    private AuditFilter filter() {
        ZoneId zone = ZoneId.systemDefault();
        return new AuditFilter(actor.getValue(), action.getValue(),
                caseId.getValue() == null ? null : caseId.getValue().longValue(),
                from.getValue() == null ? null : from.getValue().atZone(zone).toInstant(),
                to.getValue() == null ? null : to.getValue().atZone(zone).toInstant());
    }
}

package com.ivpstudio.audit;

import com.ivpstudio.language.UserFormats;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.RolesAllowed;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The audit trail for administrators: filter by user, action, patient code and time; export what is shown as CSV.
 * An empty patient code means every case (and the events of no case).
 */
@Route("admin/audit")
@RolesAllowed("ADMIN")
public class AuditView extends VerticalLayout implements HasDynamicTitle {

    /** Matches no case: an unknown patient code shows nothing rather than everything. */
    private static final long NO_CASE = -1;

    private final CaseCodes caseCodes;
    private final TextField actor = new TextField(getTranslation("studiotools.audit.user"));
    private final ComboBox<AuditAction> action = new ComboBox<>(getTranslation("studiotools.audit.action"));
    private final TextField patientCode = new TextField(getTranslation("studiotools.audit.patient.code"));
    private final DateTimePicker from = new DateTimePicker(getTranslation("studiotools.audit.from"));
    private final DateTimePicker to = new DateTimePicker(getTranslation("studiotools.audit.to"));
    private final Span codeMessage = new Span();
    private final Grid<AuditEvent> grid = new Grid<>();
    private final Map<Long, String> codes = new HashMap<>();
    /** The case of the patient code typed (null: all; {@link #NO_CASE}: an unknown code). */
    private Long caseId;

    public AuditView(AuditLog audit, CaseCodes caseCodes) {
        this.caseCodes = caseCodes;
        setSizeFull();
        addClassName("audit-view");
        actor.setValueChangeMode(ValueChangeMode.LAZY);
        actor.setClearButtonVisible(true);
        action.setItems(AuditAction.values());
        action.setClearButtonVisible(true);
        patientCode.setId("audit-patient-code");
        patientCode.setValueChangeMode(ValueChangeMode.LAZY);
        patientCode.setClearButtonVisible(true);
        patientCode.setPlaceholder(getTranslation("studiotools.audit.patient.code.placeholder"));
        patientCode.setTooltipText(getTranslation("studiotools.audit.patient.code.tooltip"));
        codeMessage.setId("audit-code-message");
        codeMessage.addClassName("hint");
        actor.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        action.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        patientCode.addValueChangeListener(e -> {
            caseId = resolveCaseId();
            grid.getDataProvider().refreshAll();
        });
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
        export.add(new Button(getTranslation("studiotools.audit.export"), VaadinIcon.DOWNLOAD.create()));

        HorizontalLayout filters = new HorizontalLayout(actor, action, patientCode, from, to, export);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);

        grid.addColumn(e -> UserFormats.dateTime(e.occurredAt(), ZoneId.systemDefault(), getLocale()))
                .setHeader(getTranslation("studiotools.audit.time")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditEvent::actor).setHeader(getTranslation("studiotools.audit.user")).setAutoWidth(true);
        grid.addColumn(AuditEvent::actionName).setHeader(getTranslation("studiotools.audit.action")).setAutoWidth(true);
        grid.addColumn(e -> e.caseId() == null ? "" : codeOf(e.caseId()))
                .setHeader(getTranslation("studiotools.audit.patient")).setAutoWidth(true);
        grid.addColumn(AuditEvent::targetId).setHeader(getTranslation("studiotools.audit.target"));
        grid.addColumn(AuditEvent::detail).setHeader(getTranslation("studiotools.audit.detail"));
        grid.setItems(q -> audit.find(filter(), q.getOffset(), q.getLimit()).stream(),
                q -> (int) Math.min(Integer.MAX_VALUE, audit.count(filter())));
        grid.setId("audit-grid");
        add(new H2(getTranslation("studiotools.audit.title")), filters, codeMessage, grid);
        expand(grid);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("studiotools.audit.page.title");
    }

    /** "DEMO-01 (#3)": the code an administrator knows and the id the CSV export carries. */
    private String codeOf(long caseId) {
        return codes.computeIfAbsent(caseId, id -> caseCodes.codeOf(id).map(c -> c + " (#" + id + ")")
                .orElse("#" + id));
    }

    private AuditFilter filter() {
        ZoneId zone = ZoneId.systemDefault();
        return new AuditFilter(actor.getValue(), action.getValue(), caseId,
                from.getValue() == null ? null : from.getValue().atZone(zone).toInstant(),
                to.getValue() == null ? null : to.getValue().atZone(zone).toInstant());
    }

    private Long resolveCaseId() {
        String code = patientCode.getValue() == null ? "" : patientCode.getValue().strip();
        if (code.isEmpty()) {
            codeMessage.setText("");
            return null;
        }
        Optional<Long> id = caseCodes.caseIdOf(code);
        codeMessage.setText(id.isPresent() ? "" : getTranslation("studiotools.audit.patient.code.unknown", code));
        return id.orElse(NO_CASE);
    }
}

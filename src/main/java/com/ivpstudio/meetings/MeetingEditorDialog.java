package com.ivpstudio.meetings;

import com.ivpstudio.snapshots.Snapshot;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Plans or changes a meeting: title, time, participants, and the agenda (cases in order, each with the snapshots to
 * show). Cases are picked by patient code; the arrows reorder them.
 */
class MeetingEditorDialog extends Dialog {

    private final MeetingService meetings;
    private final Meeting existing;
    private final List<CaseChoice> agenda = new ArrayList<>();
    private final Div agendaRows = new Div();
    private final CasePicker picker;

    /** One agenda line while editing: the case and the snapshots chosen for it. */
    private record CaseChoice(long caseId, String patientCode, List<Long> snapshotIds) {
    }

    MeetingEditorDialog(MeetingService meetings, Meeting existing, List<AgendaItem> items, Consumer<Meeting> saved) {
        this.meetings = meetings;
        this.existing = existing;
        setHeaderTitle(getTranslation(existing == null ? "meetings.editor.new" : "meetings.editor.edit"));
        setWidth("46em");
        TextField title = new TextField(getTranslation("meetings.editor.title"));
        title.setId("meeting-title");
        title.setWidthFull();
        title.setMaxLength(MeetingService.MAX_TITLE);
        DateTimePicker when = new DateTimePicker(getTranslation("meetings.editor.when"));
        when.setId("meeting-when");
        when.setLocale(getLocale());
        MultiSelectComboBox<String> people = new MultiSelectComboBox<>(getTranslation("meetings.editor.participants"));
        people.setId("meeting-participants");
        people.setItems(meetings.staff());
        people.setHelperText(getTranslation("meetings.editor.participants.help"));
        people.setWidthFull();
        picker = new CasePicker(meetings, this::addCase);
        agendaRows.setId("agenda-editor");
        agendaRows.addClassName("agenda-editor");
        if (existing != null) {
            title.setValue(existing.title());
            when.setValue(LocalDateTime.ofInstant(existing.scheduledAt(), ZoneId.systemDefault()));
            people.setValue(new LinkedHashSet<>(existing.participants()));
            items.forEach(i -> agenda.add(new CaseChoice(i.caseId(), i.patientCode(), new ArrayList<>(i.snapshotIds()))));
        } else {
            when.setValue(LocalDateTime.now().plusHours(1).withMinute(0).withSecond(0).withNano(0));
        }
        renderAgenda();
        add(title, when, people, new H4(getTranslation("meetings.editor.agenda")), picker, agendaRows);

        Button save = new Button(getTranslation("meetings.editor.save"), e -> {
            MeetingDraft draft = new MeetingDraft(title.getValue(),
                    when.getValue() == null ? null : when.getValue().atZone(ZoneId.systemDefault()).toInstant(),
                    new ArrayList<>(people.getValue()), agenda.stream().map(CaseChoice::caseId).toList());
            Meeting[] result = new Meeting[1];
            if (MeetingUi.attempt(this, () -> {
                result[0] = existing == null ? meetings.create(draft) : meetings.update(existing.id(), draft);
                chooseSnapshots(result[0]);
            })) {
                close();
                saved.accept(result[0]);
            }
        });
        save.setId("save-meeting");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("meetings.editor.cancel"), e -> close());
        getFooter().add(cancel, save);
    }

    private void addCase(long caseId, String patientCode) {
        if (agenda.stream().noneMatch(c -> c.caseId() == caseId)) {
            agenda.add(new CaseChoice(caseId, patientCode, new ArrayList<>()));
            renderAgenda();
        }
    }

    private void chooseSnapshots(Meeting meeting) {
        Map<Long, AgendaItem> byCase = new HashMap<>();
        meetings.agenda(meeting.id()).forEach(i -> byCase.put(i.caseId(), i));
        for (CaseChoice c : agenda) {
            AgendaItem item = byCase.get(c.caseId());
            if (item != null && !item.snapshotIds().equals(c.snapshotIds())) {
                meetings.chooseSnapshots(item.id(), c.snapshotIds());
            }
        }
    }

    private void renderAgenda() {
        agendaRows.removeAll();
        for (int i = 0; i < agenda.size(); i++) {
            int at = i;
            CaseChoice c = agenda.get(i);
            Span code = new Span((i + 1) + ". " + c.patientCode());
            Button up = new Button(VaadinIcon.ARROW_UP.create(), e -> swap(at, at - 1));
            up.setEnabled(i > 0);
            up.setTooltipText(getTranslation("meetings.editor.up"));
            up.getElement().setAttribute("aria-label", getTranslation("meetings.editor.up"));
            up.addClassName("agenda-up");
            Button down = new Button(VaadinIcon.ARROW_DOWN.create(), e -> swap(at, at + 1));
            down.setEnabled(i < agenda.size() - 1);
            down.setTooltipText(getTranslation("meetings.editor.down"));
            down.getElement().setAttribute("aria-label", getTranslation("meetings.editor.down"));
            down.addClassName("agenda-down");
            Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(), e -> {
                agenda.remove(at);
                renderAgenda();
            });
            remove.setTooltipText(getTranslation("meetings.editor.remove"));
            remove.getElement().setAttribute("aria-label", getTranslation("meetings.editor.remove"));
            MultiSelectComboBox<Snapshot> shots = new MultiSelectComboBox<>();
            shots.setPlaceholder(getTranslation("meetings.editor.snapshots"));
            shots.getElement().setAttribute("aria-label", getTranslation("meetings.editor.snapshots"));
            shots.addClassName("agenda-snapshots");
            List<Snapshot> available = meetings.snapshotsOfCase(c.caseId());
            shots.setItems(available);
            shots.setItemLabelGenerator(Snapshot::title);
            shots.setValue(available.stream().filter(s -> c.snapshotIds().contains(s.id())).toList());
            shots.addValueChangeListener(e -> {
                c.snapshotIds().clear();
                available.stream().filter(s -> e.getValue().contains(s)).forEach(s -> c.snapshotIds().add(s.id()));
            });
            Div row = new Div(code, up, down, remove, shots);
            row.addClassName("agenda-editor-row");
            row.getElement().setAttribute("data-case", c.patientCode());
            agendaRows.add(row);
        }
    }

    private void swap(int a, int b) {
        if (b >= 0 && b < agenda.size()) {
            CaseChoice x = agenda.get(a);
            agenda.set(a, agenda.get(b));
            agenda.set(b, x);
            renderAgenda();
        }
    }
}

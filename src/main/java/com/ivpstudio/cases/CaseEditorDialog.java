package com.ivpstudio.cases;

import com.ivpstudio.common.UserFacingException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.BeanValidationBinder;
import java.util.function.Consumer;

/** Create or edit a case; validation messages appear beside the fields, nothing is saved until all are valid. */
class CaseEditorDialog extends Dialog {

    private final BeanValidationBinder<CaseDraft> binder = new BeanValidationBinder<>(CaseDraft.class);
    private final Paragraph error = new Paragraph();

    CaseEditorDialog(CaseService service, PatientCase existing, Consumer<PatientCase> onSaved) {
        setHeaderTitle(existing == null ? "New case" : "Edit case " + existing.patientCode());
        setWidth("min(640px, 95vw)");

        TextField code = new TextField("Patient code");
        code.setId("case-code");
        code.setHelperText("Pseudonymous, e.g. P-2024-017. Shown on every image and link: never a name.");
        code.setRequiredIndicatorVisible(true);
        TextField name = new TextField("Display name (optional)");
        name.setId("case-name");
        name.setHelperText("Personal data: visible to signed-in staff only.");
        IntegerField birthYear = new IntegerField("Birth year");
        birthYear.setId("case-birth-year");
        Select<Sex> sex = new Select<>();
        sex.setLabel("Sex");
        sex.setItems(Sex.values());
        sex.setItemLabelGenerator(s -> s == null ? "Not recorded" : s.label());
        sex.setEmptySelectionAllowed(true);
        sex.setEmptySelectionCaption("Not recorded");
        TextField tags = new TextField("Tags");
        tags.setId("case-tags");
        tags.setHelperText("Comma separated, e.g. crowding, class II");
        TextArea notes = new TextArea("Notes");
        notes.setId("case-notes");
        notes.setMaxHeight("10em");

        binder.forField(code).bind("patientCode");
        binder.forField(name).bind("displayName");
        binder.forField(birthYear).bind("birthYear");
        binder.forField(sex).bind("sex");
        binder.forField(tags).bind("tags");
        binder.forField(notes).bind("notes");
        binder.setBean(existing == null ? new CaseDraft() : CaseDraft.of(existing));

        FormLayout form = new FormLayout(code, name, birthYear, sex, tags, notes);
        form.setColspan(notes, 2);
        form.setColspan(tags, 2);
        error.addClassName("form-error");
        error.setVisible(false);
        add(form, error);

        Button save = new Button(existing == null ? "Create case" : "Save", e -> {
            if (!binder.validate().isOk()) {
                return;
            }
            try {
                PatientCase saved = existing == null
                        ? service.create(binder.getBean())
                        : service.update(existing.id(), binder.getBean());
                close();
                onSaved.accept(saved);
            } catch (UserFacingException ex) {
                error.setText(ex.getMessage());
                error.setVisible(true);
            }
        });
        save.setId("case-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> close());
        getFooter().add(cancel, save);
    }
}

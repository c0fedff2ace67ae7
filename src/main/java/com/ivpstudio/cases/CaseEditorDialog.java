package com.ivpstudio.cases;

import com.ivpstudio.common.UserFacingException;
import com.vaadin.flow.component.HasValue;
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
import com.vaadin.flow.data.binder.BinderValidationErrorHandler;
import com.vaadin.flow.data.binder.DefaultBinderValidationErrorHandler;
import com.vaadin.flow.data.binder.ErrorLevel;
import com.vaadin.flow.data.binder.ValidationResult;
import java.util.function.Consumer;

/** Create or edit a case; validation messages appear beside the fields, nothing is saved until all are valid. */
class CaseEditorDialog extends Dialog {

    private final BeanValidationBinder<CaseDraft> binder = new BeanValidationBinder<>(CaseDraft.class);
    private final Paragraph error = new Paragraph();

    CaseEditorDialog(CaseService service, PatientCase existing, Consumer<PatientCase> onSaved) {
        setHeaderTitle(existing == null ? getTranslation("cases.editor.new-title")
                : getTranslation("cases.editor.edit-title", existing.patientCode()));
        setWidth("min(640px, 95vw)");

        TextField code = new TextField(getTranslation("cases.editor.code"));
        code.setId("case-code");
        code.setHelperText(getTranslation("cases.editor.code.help"));
        code.setRequiredIndicatorVisible(true);
        TextField name = new TextField(getTranslation("cases.editor.name"));
        name.setId("case-name");
        name.setHelperText(getTranslation("cases.editor.name.help"));
        IntegerField birthYear = new IntegerField(getTranslation("cases.editor.birth-year"));
        birthYear.setId("case-birth-year");
        birthYear.setHelperText(getTranslation("cases.editor.birth-year.help"));
        Select<Sex> sex = new Select<>();
        sex.setLabel(getTranslation("cases.editor.sex"));
        sex.setHelperText(getTranslation("cases.editor.sex.help"));
        sex.setItems(Sex.values());
        sex.setItemLabelGenerator(s -> getTranslation(s == null ? "cases.sex.not-recorded" : s.labelKey()));
        sex.setEmptySelectionAllowed(true);
        sex.setEmptySelectionCaption(getTranslation("cases.sex.not-recorded"));
        TextField tags = new TextField(getTranslation("cases.editor.tags"));
        tags.setId("case-tags");
        tags.setHelperText(getTranslation("cases.editor.tags.help"));
        TextArea notes = new TextArea(getTranslation("cases.editor.notes"));
        notes.setId("case-notes");
        notes.setMaxHeight("10em");
        notes.setHelperText(getTranslation("cases.editor.notes.help"));

        // The constraint messages of CaseDraft are translation keys: shown beside the field in the user's language.
        DefaultBinderValidationErrorHandler shown = new DefaultBinderValidationErrorHandler();
        binder.setValidationErrorHandler(new BinderValidationErrorHandler() {
            @Override
            public void handleError(HasValue<?, ?> field, ValidationResult result) {
                shown.handleError(field, ValidationResult.create(getTranslation(result.getErrorMessage()),
                        result.getErrorLevel().orElse(ErrorLevel.ERROR)));
            }

            @Override
            public void clearError(HasValue<?, ?> field) {
                shown.clearError(field);
            }
        });
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

        Button save = new Button(getTranslation(existing == null ? "cases.editor.create" : "cases.editor.save"), e -> {
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
                error.setText(ex.text((key, params) -> getTranslation(key, params)));
                error.setVisible(true);
            }
        });
        save.setId("case-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("cases.editor.cancel"), e -> close());
        getFooter().add(cancel, save);
    }
}

package com.ivpstudio.shell;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Replaces Vaadin's development error page (which shows stack traces) for failures while opening a screen. */
@AnonymousAllowed
@ParentLayout(MainLayout.class)
public class ServerErrorView extends Div implements HasErrorParameter<Exception>, HasDynamicTitle {

    private static final Logger log = LoggerFactory.getLogger(ServerErrorView.class);

    @Override
    public String getPageTitle() {
        return getTranslation("shell.error.page-title");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
        String reference = ErrorReference.next();
        log.error("Error opening a screen, reference {}: {}", reference, parameter.getException().getClass().getName());
        removeAll();
        addClassName("error-view");
        add(new H2(getTranslation("shell.error.title")),
                new Paragraph(getTranslation("shell.error.text", reference)),
                new Anchor("cases", getTranslation("shell.back-to-cases")));
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }
}

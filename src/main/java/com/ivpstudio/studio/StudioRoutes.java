package com.ivpstudio.studio;

import com.ivpstudio.cases.CaseService;
import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.common.UserFacingException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.RouteParameters;

/** Route parameters of the per-case studio screens. */
final class StudioRoutes {

    private StudioRoutes() {
    }

    static RouteParameters caseParams(long caseId) {
        return new RouteParameters("caseId", Long.toString(caseId));
    }

    /** The case of the route (audited as viewed), or null after rerouting to "not found". */
    static PatientCase openCase(BeforeEnterEvent event, CaseService cases) {
        long id = event.getRouteParameters().getLong("caseId").orElse(-1L);
        try {
            return cases.open(id);
        } catch (UserFacingException e) {
            event.rerouteToError(NotFoundException.class, e.getMessage());
            return null;
        }
    }
}

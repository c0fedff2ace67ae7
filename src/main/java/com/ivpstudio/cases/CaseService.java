package com.ivpstudio.cases;

import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.security.CurrentUser;
import com.ivpstudio.common.UserFacingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class CaseService {

    private final CaseRepository cases;
    private final AuditLog audit;
    private final CurrentUser currentUser;
    private final Validator validator;
    private final RecentCaseRepository recent;

    CaseService(CaseRepository cases, AuditLog audit, CurrentUser currentUser, Validator validator,
            RecentCaseRepository recent) {
        this.cases = cases;
        this.recent = recent;
        this.audit = audit;
        this.currentUser = currentUser;
        this.validator = validator;
    }

    public List<PatientCase> find(CaseFilter filter, List<CaseSort> sorts, int offset, int limit) {
        return cases.find(filter, sorts, offset, limit);
    }

    public long count(CaseFilter filter) {
        return cases.count(filter);
    }

    /** Opens a case for viewing, auditing that it was viewed and remembering it as the user's current case. */
    @Transactional
    public PatientCase open(long id) {
        PatientCase found = get(id);
        audit.record(AuditAction.CASE_VIEWED, id);
        recent.remember(currentUser.username(), id);
        return found;
    }

    /** Remembers a case as the signed-in user's current one (picked on the Studio page). */
    public void remember(long id) {
        recent.remember(currentUser.username(), get(id).id());
    }

    /** The case the signed-in user opened last, if it still exists. */
    public Optional<PatientCase> lastOpened() {
        return recent.lastOf(currentUser.username()).flatMap(cases::findById);
    }

    public PatientCase get(long id) {
        return cases.findById(id).orElseThrow(() -> new UserFacingException("This case does not exist."));
    }

    public Optional<PatientCase> findByCode(String code) {
        return cases.findByCode(code);
    }

    public List<String> allTags() {
        return cases.allTags();
    }

    @Transactional
    public PatientCase create(CaseDraft draft) {
        validate(draft);
        if (cases.codeTakenByOther(draft.getPatientCode(), null)) {
            throw UserFacingException.withKey("cases.error.code-taken", draft.getPatientCode());
        }
        long id = cases.insert(draft, currentUser.name().orElse("system"));
        audit.record(AuditAction.CASE_CREATED, id);
        return get(id);
    }

    @Transactional
    public PatientCase update(long id, CaseDraft draft) {
        validate(draft);
        PatientCase existing = get(id);
        if (cases.codeTakenByOther(draft.getPatientCode(), id)) {
            throw UserFacingException.withKey("cases.error.code-taken", draft.getPatientCode());
        }
        cases.update(existing.id(), draft, currentUser.username());
        audit.record(AuditAction.CASE_EDITED, id);
        return get(id);
    }

    @Transactional
    public PatientCase archive(long id) {
        return setStatus(id, CaseStatus.ARCHIVED, AuditAction.CASE_ARCHIVED);
    }

    @Transactional
    public PatientCase restore(long id) {
        return setStatus(id, CaseStatus.ACTIVE, AuditAction.CASE_RESTORED);
    }

    private PatientCase setStatus(long id, CaseStatus status, AuditAction action) {
        get(id);
        cases.updateStatus(id, status, currentUser.username());
        audit.record(action, id);
        return get(id);
    }

    private void validate(CaseDraft draft) {
        Set<ConstraintViolation<CaseDraft>> violations = validator.validate(draft);
        if (!violations.isEmpty()) {
            ConstraintViolation<CaseDraft> first = violations.iterator().next();
            // The constraint messages are translation keys (CaseDraft): the screen words them in the user's language.
            throw UserFacingException.withKey(first.getMessage());
        }
    }
}

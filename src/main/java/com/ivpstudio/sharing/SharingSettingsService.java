package com.ivpstudio.sharing;

import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The admin's settings for patient links: practice name and contact, maximum expiry, client addresses. */
@Service
public class SharingSettingsService {

    private final SharingSettingsRepository repository;
    private final AuditLog audit;
    private final CurrentUser currentUser;

    SharingSettingsService(SharingSettingsRepository repository, AuditLog audit, CurrentUser currentUser) {
        this.repository = repository;
        this.audit = audit;
        this.currentUser = currentUser;
    }

    public SharingSettings get() {
        return repository.load();
    }

    @Transactional
    public SharingSettings save(SharingSettings s) {
        String name = s.practiceName() == null ? "" : s.practiceName().strip();
        String contact = s.practiceContact() == null ? "" : s.practiceContact().strip();
        if (name.length() > 120) {
            throw UserFacingException.withKey("sharing.error.practice-name-too-long", 120);
        }
        if (contact.length() > 300) {
            throw UserFacingException.withKey("sharing.error.contact-too-long", 300);
        }
        if (s.maxExpiryDays() < 1 || s.maxExpiryDays() > SharingSettings.MAX_EXPIRY_LIMIT) {
            throw UserFacingException.withKey("sharing.error.max-days", SharingSettings.MAX_EXPIRY_LIMIT);
        }
        if (s.ipRetentionDays() < 1 || s.ipRetentionDays() > SharingSettings.MAX_IP_RETENTION) {
            throw UserFacingException.withKey("sharing.error.ip-days", SharingSettings.MAX_IP_RETENTION);
        }
        SharingSettings clean = new SharingSettings(name, contact, s.maxExpiryDays(), s.keepClientIps(),
                s.ipRetentionDays());
        repository.save(clean, currentUser.username());
        audit.record(AuditAction.SHARE_SETTINGS_CHANGED, null, null, "max " + clean.maxExpiryDays() + " days · ips "
                + (clean.keepClientIps() ? "kept " + clean.ipRetentionDays() + " days" : "not kept"));
        return clean;
    }
}

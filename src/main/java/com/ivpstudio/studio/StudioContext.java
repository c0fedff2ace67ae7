package com.ivpstudio.studio;

import com.ivpstudio.cases.CaseService;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.security.CurrentUser;
import org.springframework.stereotype.Component;

/** What every studio screen needs, in one bean. */
@Component
record StudioContext(InferenceService inference, PhotoService photos, SnapshotService snapshots,
        SnapshotRegeneration regeneration, StudioJobs jobs,
        CurrentUser currentUser, CaseService cases, ReferencePairLibrary references, PromptHistoryService prompts,
        PromptSuggestions suggestions) {
}

package com.ivpstudio.admin;

import com.ivpstudio.closeness.Words;
import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.inference.bundle.ValidationReport;
import com.ivpstudio.models.ManifestSummary;
import com.ivpstudio.models.ModelActivation;
import com.ivpstudio.models.ModelBundle;
import com.ivpstudio.models.ModelRegistry;
import com.ivpstudio.models.ModelStatus;
import com.ivpstudio.models.UploadOutcome;
import com.ivpstudio.meetings.blind.BlindReviewResultsPanel;
import com.ivpstudio.security.CurrentUser;
import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.language.UserFormats;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.grid.HeaderRow;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadI18N;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.UploadEvent;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The model registry: upload a bundle zip (every check shown), the versions with their metrics, activate, roll
 * back, retire, delete, and the activation history.
 */
@Route("admin/models")
@RolesAllowed("ADMIN")
public class ModelsView extends VerticalLayout implements HasDynamicTitle {

    private static final ZoneId ZONE = ZoneId.systemDefault();

    private static final java.util.Set<String> KNOWN_METRICS = java.util.Set.of("psnr", "ssim", "feat_cos", "fd",
            "lpips");
    private static final java.util.Set<String> KNOWN_SECTIONS = java.util.Set.of("model", "baseline_mean_image",
            "baseline_nearest_train_patient", "baseline_linear_from_front");

    private final ModelRegistry registry;
    private final String user;
    private final Div activeCard = new Div();
    private final Span uploadStatus = new Span();
    private final Grid<UploadOutcome.Check> checks = new Grid<>();
    private final Span checkSummary = new Span();
    private final Button activateNow = new Button(VaadinIcon.PLAY.create());
    private com.vaadin.flow.shared.Registration activateNowClick;
    private final Grid<ModelBundle> versions = new Grid<>();
    private final Div details = new Div();
    private final Grid<ModelActivation> history = new Grid<>();
    private volatile boolean busy;

    public ModelsView(ModelRegistry registry, CurrentUser currentUser, BlindReviewResultsPanel blindReviewResults) {
        this.registry = registry;
        this.user = currentUser.username();
        addClassName("models-view");
        setWidthFull();

        H2 title = new H2(getTranslation("admin.models.title"));
        Paragraph intro = new Paragraph(getTranslation("admin.models.intro"));
        intro.addClassName("view-intro");

        activeCard.addClassName("model-active-card");
        activeCard.setId("active-model");

        add(title, intro, activeCard, uploadSection(), versionsSection(), details, historySection());
        add(blindReviewResults);
        details.addClassName("model-details");
        details.setId("model-details");
        refresh(null);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.models.page-title");
    }

    // ------------------------------------------------------------------ sections

    private Component uploadSection() {
        H3 h = new H3(getTranslation("admin.models.upload.title"));
        long limit = registry.properties().maxUploadBytes();
        Paragraph hint = new Paragraph(getTranslation("admin.models.upload.help", limit / (1024 * 1024)));
        hint.addClassName("hint");

        Upload upload = new Upload((UploadEvent event) -> receive(event));
        upload.setAcceptedFileTypes(".zip", "application/zip", "application/x-zip-compressed");
        upload.setMaxFiles(1);
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, limit));
        upload.setDropAllowed(true);
        upload.setId("model-upload");
        upload.setI18n(new UploadI18N()
                .setAddFiles(new UploadI18N.AddFiles().setOne(getTranslation("admin.models.upload.add"))
                        .setMany(getTranslation("admin.models.upload.add")))
                .setDropFiles(new UploadI18N.DropFiles().setOne(getTranslation("admin.models.upload.drop"))
                        .setMany(getTranslation("admin.models.upload.drop")))
                .setError(new UploadI18N.Error().setTooManyFiles(getTranslation("admin.models.upload.too-many"))
                        .setFileIsTooBig(getTranslation("admin.models.upload.too-big"))
                        .setIncorrectFileType(getTranslation("admin.models.upload.not-zip"))));
        upload.addFileRejectedListener(e -> showResult(null, e.getErrorMessage()));
        upload.addAllFinishedListener(e -> upload.clearFileList());
        // When something in front of the upload handler refuses the request (a proxy's or the servlet container's
        // size limit), the handler never runs: the browser's error event is then the only news.
        upload.getElement().addEventListener("upload-error", e -> {
            int status = (int) e.getEventData().getNumber("event.detail.xhr.status");
            showResult(null, getTranslation(status == 413 || status == 500 ? "admin.models.upload.refused-size"
                    : "admin.models.upload.refused", Integer.toString(status)));
        }).addEventData("event.detail.xhr.status");

        uploadStatus.setId("upload-status");
        uploadStatus.addClassName("upload-status");
        checks.setId("upload-checks");
        checks.addClassName("check-grid");
        checks.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        checks.addComponentColumn(c -> passIcon(c.passed())).setHeader("").setWidth("3em").setFlexGrow(0);
        checks.addComponentColumn(c -> twoLines(CheckNames.plain(c.name(), this::getTranslation), c.name()))
                .setHeader(getTranslation("admin.models.checks.check")).setAutoWidth(true).setFlexGrow(0);
        checks.addComponentColumn(c -> twoLines(getTranslation(c.passed() ? "admin.models.check.passed"
                : "admin.models.check.failed"), c.message()))
                .setHeader(getTranslation("admin.models.checks.result")).setFlexGrow(1);
        checks.setHeight("22em");
        checks.setVisible(false);
        checkSummary.setId("upload-summary");
        checkSummary.addClassName("check-summary");
        activateNow.setId("activate-uploaded");
        activateNow.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        activateNow.setVisible(false);
        HorizontalLayout summaryRow = new HorizontalLayout(checkSummary, activateNow);
        summaryRow.setAlignItems(Alignment.BASELINE);

        Div section = new Div(h, hint, upload, uploadStatus, summaryRow, checks);
        section.addClassName("admin-section");
        return section;
    }

    private Component versionsSection() {
        H3 h = new H3(getTranslation("admin.models.versions.title"));
        versions.setId("model-grid");
        versions.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        versions.addColumn(ModelBundle::name)
                .setHeader(getTranslation("admin.models.versions.name")).setAutoWidth(true).setFlexGrow(1);
        versions.addColumn(ModelBundle::version)
                .setHeader(getTranslation("admin.models.versions.version")).setAutoWidth(true).setFlexGrow(0);
        versions.addComponentColumn(this::statusBadge)
                .setHeader(getTranslation("admin.models.versions.status")).setAutoWidth(true).setFlexGrow(0);
        versions.addComponentColumn(b -> {
            Span s = new Span(getTranslation(b.synthetic() ? "admin.models.trained-on.synthetic"
                    : "admin.models.trained-on.real"));
            s.getElement().getThemeList().add(b.synthetic() ? "badge contrast" : "badge");
            s.setTitle(getTranslation(b.synthetic() ? "admin.models.trained-on.synthetic.help"
                    : "admin.models.trained-on.real.help"));
            return s;
        }).setHeader(getTranslation("admin.models.versions.trained-on")).setAutoWidth(true).setFlexGrow(0);
        versions.addComponentColumn(b -> {
            Span s = new Span(b.shortSha());
            s.addClassName("sha");
            s.setTitle(getTranslation("admin.models.sha.manifest", b.manifestSha256())
                    + (b.archiveSha256() == null ? "" : "\n" + getTranslation("admin.models.sha.zip", b.archiveSha256())));
            return s;
        }).setHeader(getTranslation("admin.models.versions.fingerprint")).setAutoWidth(true).setFlexGrow(0);
        versions.addColumn(ModelBundle::uploadedBy)
                .setHeader(getTranslation("admin.models.versions.uploaded-by")).setAutoWidth(true).setFlexGrow(0);
        versions.addColumn(b -> when(b.uploadedAt()))
                .setHeader(getTranslation("admin.models.versions.uploaded")).setAutoWidth(true).setFlexGrow(0);
        versions.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setFlexGrow(0);
        versions.setAllRowsVisible(true);
        versions.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(this::showDetails));
        Paragraph hint = new Paragraph(getTranslation("admin.models.versions.help"));
        hint.addClassName("hint");
        Div section = new Div(h, hint, versions);
        section.addClassName("admin-section");
        return section;
    }

    private Component historySection() {
        H3 h = new H3(getTranslation("admin.models.history.title"));
        history.setId("activation-history");
        history.addThemeVariants(GridVariant.LUMO_COMPACT);
        history.addColumn(a -> when(a.activatedAt()))
                .setHeader(getTranslation("admin.models.history.when")).setAutoWidth(true).setFlexGrow(0);
        history.addColumn(a -> getTranslation(switch (a.kind()) {
            case "ROLLBACK" -> "admin.models.history.rolled-back";
            case "INSTALL" -> "admin.models.history.installed";
            default -> "admin.models.history.activated";
        })).setHeader(getTranslation("admin.models.history.what")).setAutoWidth(true).setFlexGrow(0);
        history.addColumn(a -> a.label() + " (" + a.manifestSha256().substring(0, 12) + ")")
                .setHeader(getTranslation("admin.models.history.model"))
                .setFlexGrow(1);
        history.addColumn(ModelActivation::activatedBy)
                .setHeader(getTranslation("admin.models.history.by")).setAutoWidth(true).setFlexGrow(0);
        history.addColumn(a -> a.durationMs() == null ? ""
                : getTranslation("admin.models.milliseconds", UserFormats.number(a.durationMs(), 0, getLocale())))
                .setHeader(getTranslation("admin.models.history.load-time"))
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true).setFlexGrow(0);
        history.setAllRowsVisible(true);
        Div section = new Div(h, history);
        section.addClassName("admin-section");
        return section;
    }

    // ------------------------------------------------------------------ refresh

    private void refresh(Long select) {
        List<ModelBundle> all = registry.bundles();
        versions.setItems(all);
        history.setItems(registry.history(20));
        renderActive();
        Optional<ModelBundle> chosen = select == null ? Optional.empty()
                : all.stream().filter(b -> b.id() == select).findFirst();
        if (chosen.isEmpty()) {
            chosen = all.stream().filter(b -> b.status() == ModelStatus.ACTIVE).findFirst()
                    .or(() -> all.stream().findFirst());
        }
        chosen.ifPresentOrElse(versions::select, () -> {
            details.removeAll();
            details.add(new Paragraph(getTranslation("admin.models.none-registered")));
        });
    }

    private void renderActive() {
        activeCard.removeAll();
        Optional<ModelBundle> active = registry.active();
        Optional<BundleInfo> serving = registry.serving();
        if (active.isEmpty() && serving.isEmpty()) {
            activeCard.addClassName("none");
            activeCard.add(new Span(VaadinIcon.WARNING.create(),
                    new Span(" " + getTranslation("admin.models.active.none"))));
            return;
        }
        activeCard.removeClassName("none");
        Span label = new Span(getTranslation("admin.models.active.label"));
        label.addClassName("card-label");
        String name = active.map(ModelBundle::label)
                .orElseGet(() -> serving.map(i -> i.name() + " " + i.version()).orElse(""));
        H4 title = new H4(name);
        title.setId("active-model-name");
        Div facts = new Div();
        facts.addClassName("card-facts");
        serving.ifPresent(i -> {
            Span sha = new Span(getTranslation("admin.models.active.fingerprint", i.sha256().substring(0, 12)));
            sha.setTitle(getTranslation("admin.models.active.fingerprint.help"));
            facts.add(sha);
            Span device = new Span(getTranslation("admin.models.active.device", i.device()));
            device.setTitle(getTranslation("admin.models.active.device.help"));
            facts.add(device);
            if (i.synthetic()) {
                Span syn = new Span(getTranslation("admin.models.active.synthetic", i.intendedUse()));
                syn.getElement().getThemeList().add("badge contrast");
                facts.add(syn);
            }
        });
        registry.history(1).stream().findFirst().ifPresent(a -> facts.add(new Span(
                getTranslation("admin.models.active.since", when(a.activatedAt()), a.activatedBy()))));
        if (serving.isPresent() && active.isPresent() && !serving.get().sha256().equals(active.get().manifestSha256())) {
            Span warn = new Span(getTranslation("admin.models.active.mismatch", serving.get().id(),
                    serving.get().version()));
            warn.getElement().getThemeList().add("badge error");
            facts.add(warn);
        }
        if (serving.isEmpty()) {
            Span warn = new Span(getTranslation("admin.models.active.not-loaded"));
            warn.getElement().getThemeList().add("badge error");
            facts.add(warn);
        }
        Div text = new Div(label, title, facts);
        HorizontalLayout row = new HorizontalLayout(text);
        row.setWidthFull();
        row.setAlignItems(Alignment.CENTER);
        row.expand(text);
        registry.rollbackTarget().ifPresent(target -> {
            Button rollback = new Button(getTranslation("admin.models.rollback", target.label()),
                    VaadinIcon.ARROW_BACKWARD.create());
            rollback.setId("rollback");
            rollback.setTooltipText(getTranslation("admin.models.rollback.help"));
            rollback.addClickListener(e -> runSwitch(rollback, getTranslation("admin.models.rollback.running",
                    target.label()), () -> registry.rollback(user),
                    b -> getTranslation("admin.models.rollback.done", b.label())));
            row.add(rollback);
        });
        activeCard.add(row);
    }

    // ------------------------------------------------------------------ actions

    private Component actions(ModelBundle b) {
        HorizontalLayout buttons = new HorizontalLayout();
        buttons.setSpacing(false);
        buttons.getStyle().set("gap", "var(--lumo-space-xs)");
        if (b.status() == ModelStatus.AVAILABLE) {
            Button activate = new Button(getTranslation("admin.models.activate"));
            activate.setTooltipText(getTranslation("admin.models.activate.help"));
            activate.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
            activate.setId("activate-" + b.id());
            activate.addClassName("activate-button");
            activate.addClickListener(e -> runSwitch(activate, getTranslation("admin.models.activate.running",
                    b.label()), () -> registry.activate(b.id(), user),
                    m -> getTranslation("admin.models.activate.done", m.label())));
            Button retire = new Button(getTranslation("admin.models.retire"));
            retire.setTooltipText(getTranslation("admin.models.retire.help"));
            retire.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            retire.setId("retire-" + b.id());
            retire.addClickListener(e -> act(() -> registry.retire(b.id(), user),
                    getTranslation("admin.models.retire.done", b.label())));
            buttons.add(activate, retire);
        } else if (b.status() == ModelStatus.RETIRED) {
            Button restore = new Button(getTranslation("admin.models.restore"));
            restore.setTooltipText(getTranslation("admin.models.restore.help"));
            restore.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            restore.setId("restore-" + b.id());
            restore.addClickListener(e -> act(() -> registry.restore(b.id(), user),
                    getTranslation("admin.models.restore.done", b.label())));
            buttons.add(restore);
        }
        if (b.status() != ModelStatus.ACTIVE) {
            Button delete = new Button(VaadinIcon.TRASH.create());
            delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            delete.setId("delete-" + b.id());
            delete.setAriaLabel(getTranslation("admin.models.delete", b.label()));
            delete.setTooltipText(getTranslation("admin.models.delete", b.label()));
            delete.addClickListener(e -> {
                ConfirmDialog confirm = new ConfirmDialog(getTranslation("admin.models.delete.confirm-title", b.label()),
                        getTranslation("admin.models.delete.confirm-text"),
                        getTranslation("admin.models.delete.confirm-button"), ok -> act(() -> {
                            registry.delete(b.id(), user);
                            return null;
                        }, getTranslation("admin.models.delete.done", b.label())));
                confirm.setCancelText(getTranslation("admin.models.cancel"));
                confirm.setConfirmButtonTheme("error primary");
                confirm.setCancelable(true);
                confirm.open();
            });
            buttons.add(delete);
        }
        return buttons;
    }

    /** Activation and rollback load a model (seconds): off the UI thread, the page stays usable. */
    private void runSwitch(Button button, String progress, Supplier<ModelBundle> action,
            java.util.function.Function<ModelBundle, String> done) {
        if (busy) {
            return;
        }
        busy = true;
        button.setEnabled(false);
        uploadStatus.setText(progress);
        uploadStatus.getElement().setAttribute("data-state", "busy");
        UI ui = UI.getCurrent();
        long t0 = System.nanoTime();
        CompletableFuture.supplyAsync(action).whenComplete((b, error) -> ui.access(() -> {
            busy = false;
            button.setEnabled(true);
            if (error == null) {
                long ms = (System.nanoTime() - t0) / 1_000_000;
                String text = getTranslation("admin.models.switched", done.apply(b),
                        UserFormats.number(ms, 0, getLocale()));
                uploadStatus.setText(text);
                uploadStatus.getElement().setAttribute("data-state", "ok");
                notify(text, false);
                refresh(b.id());
            } else {
                Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
                String text = cause instanceof UserFacingException u ? userText(u)
                        : getTranslation("admin.models.activate.failed");
                uploadStatus.setText(text);
                uploadStatus.getElement().setAttribute("data-state", "error");
                notify(text, true);
                refresh(null);
            }
        }));
    }

    private void act(Supplier<ModelBundle> action, String done) {
        try {
            ModelBundle b = action.get();
            notify(done, false);
            refresh(b == null ? null : b.id());
        } catch (UserFacingException e) {
            notify(userText(e), true);
            refresh(null);
        }
    }

    // ------------------------------------------------------------------ upload

    private void receive(UploadEvent event) {
        UI ui = event.getUI();
        String fileName = event.getFileName();
        ui.access(() -> {
            uploadStatus.setText(getTranslation("admin.models.upload.checking", safe(fileName)));
            uploadStatus.getElement().setAttribute("data-state", "busy");
            checks.setVisible(false);
        });
        UploadOutcome outcome;
        try (InputStream in = event.getInputStream()) {
            outcome = registry.upload(in, fileName, user);
        } catch (IOException e) {
            outcome = null;
        }
        UploadOutcome result = outcome;
        ui.access(() -> {
            showResult(result, result == null ? getTranslation("admin.models.upload.interrupted") : null);
            refresh(result != null && result.accepted() ? result.bundle().id() : null);
        });
    }

    private void showResult(UploadOutcome outcome, String error) {
        activateNow.setVisible(false);
        if (outcome == null) {
            uploadStatus.setText(error);
            uploadStatus.getElement().setAttribute("data-state", "error");
            checks.setVisible(false);
            checkSummary.setText("");
            notify(error, true);
            return;
        }
        String text = headline(outcome.messageKey() == null ? outcome.message()
                : getTranslation(outcome.messageKey(), outcome.params().toArray()));
        uploadStatus.setText(text + (outcome.millis() > 0 ? " ("
                + getTranslation("admin.models.milliseconds", UserFormats.number(outcome.millis(), 0, getLocale()))
                + ")" : ""));
        uploadStatus.getElement().setAttribute("data-state", outcome.accepted() ? "ok" : "error");
        long failed = outcome.checks().stream().filter(c -> !c.passed()).count();
        checkSummary.setText(failed == 0 ? getTranslation("admin.models.checks.all-passed", outcome.checks().size())
                : getTranslation("admin.models.checks.some-failed", failed, outcome.checks().size()));
        // Failed checks first: that is what the administrator needs to read.
        checks.setItems(outcome.checks().stream().sorted((a, b) -> Boolean.compare(a.passed(), b.passed())).toList());
        checks.setVisible(true);
        ModelBundle b = outcome.bundle();
        if (b != null && b.status() == ModelStatus.AVAILABLE && outcome.millis() > 0) {
            if (activateNowClick != null) {
                activateNowClick.remove();
            }
            activateNow.setText(getTranslation("admin.models.activate-now", b.label()));
            activateNow.setTooltipText(getTranslation("admin.models.activate.help"));
            activateNowClick = activateNow.addClickListener(e -> runSwitch(activateNow,
                    getTranslation("admin.models.activate.running", b.label()), () -> registry.activate(b.id(), user),
                    m -> getTranslation("admin.models.activate.done", m.label())));
            activateNow.setVisible(true);
        }
        notify(text, !outcome.accepted());
    }

    /** The first sentence without long details in parentheses (the check list has them). */
    private static String headline(String message) {
        if (message == null) {
            return "";
        }
        String s = message.replaceAll(" \\((manifest|actual) [0-9a-f]{64}[^)]*\\)", "");
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    // ------------------------------------------------------------------ details

    private void showDetails(ModelBundle b) {
        details.removeAll();
        ManifestSummary m = ManifestSummary.of(b.manifestJson());
        H3 h = new H3(b.label());
        h.setId("details-title");
        Div facts = new Div();
        facts.addClassName("model-facts");
        fact(facts, "admin.models.fact.description", m.text("description"));
        fact(facts, "admin.models.fact.intended-use", m.text("intended_use"));
        fact(facts, "admin.models.fact.licence", m.text("license"));
        fact(facts, "admin.models.fact.created", manifestDate(m.text("created")));
        fact(facts, "admin.models.fact.size", getTranslation("admin.models.megabytes",
                UserFormats.number(b.sizeBytes() / (1024.0 * 1024.0), 1, getLocale())));
        fact(facts, "admin.models.fact.source", getTranslation(b.source().equals("DEMO")
                ? "admin.models.source.demo" : "admin.models.source.uploaded"));
        if (b.retiredAt() != null) {
            fact(facts, "admin.models.fact.retired", when(b.retiredAt()));
        }
        details.add(h);
        if (b.synthetic()) {
            Paragraph banner = new Paragraph(getTranslation("admin.models.synthetic-banner"));
            banner.addClassName("synthetic-banner");
            details.add(banner);
        }
        if (b.flagged()) {
            Paragraph flag = new Paragraph(getTranslation("admin.models.flag-banner", b.flag().reason(),
                    b.flag().message()));
            flag.addClassName("flag-banner");
            flag.setId("model-flag");
            details.add(flag);
        }
        details.add(facts);
        details.add(new ModelMeasurementFacts(b.manifestJson()));

        details.add(new H4(getTranslation("admin.models.reading.title")));
        List<ModelEvaluationReading.Sentence> reading = ModelEvaluationReading.of(m);
        Div readingBox = new Div();
        readingBox.setId("model-reading");
        readingBox.addClassName("model-reading");
        if (reading.isEmpty()) {
            readingBox.add(new Paragraph(getTranslation("admin.models.reading.none")));
        }
        reading.forEach(sentence -> readingBox.add(new Paragraph(read(sentence))));
        details.add(readingBox);

        registry.bundleDirectory(b.manifestSha256()).flatMap(m::gridImage).ifPresent(p -> {
            H4 gt = new H4(getTranslation("admin.models.grid.title"));
            Image img = new Image(DownloadHandler.fromInputStream(ev -> {
                try {
                    return new DownloadResponse(Files.newInputStream(p), "grid.png", "image/png", Files.size(p));
                } catch (IOException e) {
                    return DownloadResponse.error(404);
                }
            }), getTranslation("admin.models.grid.alt", b.label()));
            img.addClassName("model-grid-image");
            img.setId("model-grid-image");
            details.add(gt, img);
        });
        details.add(advanced(b, m));

        Button revalidate = new Button(getTranslation("admin.models.revalidate"), VaadinIcon.CHECK_SQUARE_O.create(), e -> {
            try {
                ValidationReport r = registry.revalidate(b.id(), user);
                showResult(new UploadOutcome(r.checks().stream()
                        .map(c -> new UploadOutcome.Check(c.name(), c.passed(), c.message())).toList(),
                        r.ok() ? b : null, r.ok()
                                ? getTranslation("admin.models.revalidate.passed", r.checks().size(), b.label())
                                : getTranslation("admin.models.revalidate.failed-check", b.label(),
                                        firstFailedCheck(r.checks(), this::getTranslation)), 0),
                        null);
                UI.getCurrent().scrollIntoView();
            } catch (UserFacingException ex) {
                notify(userText(ex), true);
            }
        });
        revalidate.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        revalidate.setId("revalidate");
        revalidate.setTooltipText(getTranslation("admin.models.revalidate.help"));
        details.add(revalidate);
    }

    /** The plain name of the first check a bundle failed (the technical message is in the check list). */
    static String firstFailedCheck(List<ValidationReport.Check> checks, Words words) {
        return checks.stream().filter(c -> !c.passed()).findFirst()
                .map(c -> CheckNames.plain(c.name(), words)).orElse(words.get("admin.models.check.other"));
    }

    /** The raw measurements and technical facts, closed until asked for. */
    private Details advanced(ModelBundle b, ManifestSummary m) {
        Div content = new Div();
        Div facts = new Div();
        facts.addClassName("model-facts");
        fact(facts, "admin.models.fact.bundle-id", b.bundleId());
        fact(facts, "admin.models.fact.architecture", m.architecture());
        fact(facts, "admin.models.fact.origin", m.origin());
        fact(facts, "admin.models.fact.manifest-sha", b.manifestSha256());
        if (b.archiveSha256() != null) {
            fact(facts, "admin.models.fact.zip-sha", b.archiveSha256());
        }
        content.add(facts);
        content.add(new H4(getTranslation("admin.models.metrics.title")));
        List<ManifestSummary.Section> sections = m.sections();
        if (sections.isEmpty()) {
            content.add(new Paragraph(getTranslation("admin.models.metrics.none")));
        } else {
            content.add(metricsGrid(sections));
            Paragraph legend = new Paragraph(getTranslation("admin.models.metrics.legend"));
            legend.addClassName("hint");
            content.add(legend);
        }
        Map<String, String> more = m.facts();
        if (!more.isEmpty()) {
            Div chips = new Div();
            chips.addClassName("metric-facts");
            more.forEach((k, v) -> chips.add(new Span(k + ": " + v)));
            content.add(chips);
        }
        List<String> training = m.training();
        if (!training.isEmpty()) {
            content.add(new H4(getTranslation("admin.models.training.title")));
            Div t = new Div();
            t.addClassName("model-training");
            training.forEach(line -> t.add(new Paragraph(line)));
            content.add(t);
        }
        Details advanced = new Details(getTranslation("admin.models.advanced"), content);
        advanced.setId("model-advanced");
        advanced.addClassName("model-advanced");
        return advanced;
    }

    private String read(ModelEvaluationReading.Sentence sentence) {
        Object[] params = sentence.params().stream()
                .map(p -> p instanceof ModelEvaluationReading.Word w ? getTranslation(w.key()) : p)
                .toArray();
        return getTranslation(sentence.key(), params);
    }

    private Grid<String> metricsGrid(List<ManifestSummary.Section> sections) {
        Grid<String> g = new Grid<>();
        g.setId("metrics-table");
        g.addClassName("metrics-table");
        g.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_COLUMN_BORDERS);
        g.addColumn(v -> getTranslation(ModelEvaluationReading.viewName(v).key()))
                .setHeader(getTranslation("admin.models.metrics.view")).setAutoWidth(true).setFlexGrow(0);
        HeaderRow groups = g.prependHeaderRow();
        for (ManifestSummary.Section s : sections) {
            boolean model = s.key().equals("model");
            List<String> metrics = model ? s.metrics()
                    : s.metrics().stream().filter(k -> k.equals("psnr") || k.equals("ssim")).toList();
            if (metrics.isEmpty()) {
                continue;
            }
            List<Grid.Column<String>> cols = new java.util.ArrayList<>();
            for (String k : metrics) {
                Grid.Column<String> c = g.addColumn(v -> ManifestSummary.format(s.value(v, k), getLocale()))
                        .setHeader(metricLabel(k)).setTextAlign(ColumnTextAlign.END)
                        .setAutoWidth(true);
                if (model) {
                    c.setClassNameGenerator(v -> "model-metric");
                }
                cols.add(c);
            }
            String label = KNOWN_SECTIONS.contains(s.key()) ? getTranslation("admin.models.section." + s.key())
                    : s.label();
            if (cols.size() == 1) {
                groups.getCell(cols.get(0)).setText(label);
            } else {
                groups.join(cols.toArray(Grid.Column[]::new)).setText(label);
            }
        }
        List<String> views = sections.get(0).byView().keySet().stream().toList();
        g.setItems(ManifestSummary.VIEWS.stream().filter(views::contains).toList());
        g.setAllRowsVisible(true);
        return g;
    }

    /** A known measure with its short explanation as a tooltip; another one under the manifest's own name. */
    private Component metricLabel(String metric) {
        if (!KNOWN_METRICS.contains(metric)) {
            return new Span(ManifestSummary.metricLabel(metric));
        }
        Span label = new Span(getTranslation("admin.models.metric." + metric));
        label.setTitle(getTranslation("admin.models.metric." + metric + ".help"));
        return label;
    }

    // ------------------------------------------------------------------ helpers

    private void fact(Div facts, String labelKey, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        Span l = new Span(getTranslation(labelKey));
        l.addClassName("fact-label");
        Span v = new Span(value);
        v.addClassName("fact-value");
        facts.add(l, v);
    }

    private Component statusBadge(ModelBundle b) {
        if (b.flagged()) {
            Span s = new Span(getTranslation("admin.models.status.flagged"));
            s.getElement().getThemeList().add("badge error");
            s.addClassName("status-flagged");
            s.setTitle(b.flag().reason() + ": " + b.flag().message());
            return new Span(plainStatusBadge(b), s);
        }
        return plainStatusBadge(b);
    }

    private Component plainStatusBadge(ModelBundle b) {
        String status = b.status().name().toLowerCase(java.util.Locale.ROOT);
        Span s = new Span(getTranslation("admin.models.status." + status));
        s.setTitle(getTranslation("admin.models.status." + status + ".help"));
        s.getElement().getThemeList().add(switch (b.status()) {
            case ACTIVE -> "badge success primary";
            case AVAILABLE -> "badge";
            case RETIRED -> "badge contrast";
        });
        s.addClassName("status-" + b.status().name().toLowerCase());
        return s;
    }

    /** Date and time as the user's locale writes them, one format on the whole page. */
    private String when(Instant instant) {
        return UserFormats.dateTime(instant, ZONE, getLocale());
    }

    /** The manifest's ISO creation time in the page's format; text that is not a time is shown as written. */
    private String manifestDate(String iso) {
        if (iso == null || iso.isBlank()) {
            return iso;
        }
        try {
            return when(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    private String userText(UserFacingException e) {
        return e.text((key, params) -> getTranslation(key, params));
    }

    /** Plain words for the administrator, with the technical text (as the log has it) underneath. */
    private static Div twoLines(String plain, String technical) {
        Span detail = new Span(technical);
        detail.addClassName("check-technical");
        Div cell = new Div(new Span(plain), detail);
        cell.addClassName("check-cell");
        return cell;
    }

    private static Icon passIcon(boolean passed) {
        Icon i = passed ? VaadinIcon.CHECK_CIRCLE.create() : VaadinIcon.CLOSE_CIRCLE.create();
        i.addClassName(passed ? "check-pass" : "check-fail");
        i.setSize("var(--lumo-icon-size-s)");
        return i;
    }

    private static void notify(String text, boolean error) {
        Notification n = Notification.show(text, error ? 8000 : 4000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(error ? NotificationVariant.LUMO_ERROR : NotificationVariant.LUMO_SUCCESS);
    }

    private String safe(String name) {
        if (name == null || name.isBlank()) {
            return getTranslation("admin.models.upload.the-file");
        }
        String clean = name.replaceAll("[^\\p{L}\\p{N}._ -]", "_");
        return clean.length() > 60 ? clean.substring(0, 60) + "…" : clean;
    }
}

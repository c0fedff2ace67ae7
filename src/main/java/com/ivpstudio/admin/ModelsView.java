package com.ivpstudio.admin;

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
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
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
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.UploadEvent;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
@PageTitle("Models · IVP Studio")
@RolesAllowed("ADMIN")
public class ModelsView extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private final ModelRegistry registry;
    private final String user;
    private final Div activeCard = new Div();
    private final Span uploadStatus = new Span();
    private final Grid<UploadOutcome.Check> checks = new Grid<>();
    private final Span checkSummary = new Span();
    private final Button activateNow = new Button("Activate it now", VaadinIcon.PLAY.create());
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

        H2 title = new H2("Models");
        Paragraph intro = new Paragraph("The model that draws the predicted views. Upload a model bundle, check it, "
                + "then activate it: the switch happens without downtime (requests already running finish on the "
                + "previous model). Every action is recorded in the audit log.");
        intro.addClassName("view-intro");

        activeCard.addClassName("model-active-card");
        activeCard.setId("active-model");

        add(title, intro, activeCard, uploadSection(), versionsSection(), details, historySection());
        add(blindReviewResults);
        details.addClassName("model-details");
        details.setId("model-details");
        refresh(null);
    }

    // ------------------------------------------------------------------ sections

    private Component uploadSection() {
        H3 h = new H3("Upload a model bundle");
        long limit = registry.properties().maxUploadBytes();
        Paragraph hint = new Paragraph("A .zip of a bundle folder (manifest.json, the four TorchScript modules, "
                + "tokenizer.json and golden/), at most " + limit / (1024 * 1024) + " MB. Its manifest is read first "
                + "and only the files it lists are unpacked, each checked for size and sha256 while unpacking; no "
                + "pickles. Then it is checked exactly as the engine loads it (modules load, golden self-test, "
                + "output shapes). A bundle that fails any check is not stored.");
        hint.addClassName("hint");

        Upload upload = new Upload((UploadEvent event) -> receive(event));
        upload.setAcceptedFileTypes(".zip", "application/zip", "application/x-zip-compressed");
        upload.setMaxFiles(1);
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, limit));
        upload.setDropAllowed(true);
        upload.setId("model-upload");
        upload.addFileRejectedListener(e -> showResult(null, e.getErrorMessage()));
        upload.addAllFinishedListener(e -> upload.clearFileList());
        // When something in front of the upload handler refuses the request (a proxy's or the servlet container's
        // size limit), the handler never runs: the browser's error event is then the only news.
        upload.getElement().addEventListener("upload-error", e -> {
            int status = (int) e.getEventData().getNumber("event.detail.xhr.status");
            showResult(null, "The server refused the upload (HTTP " + status + ") before it could be checked. "
                    + (status == 413 || status == 500 ? "Files over 1 MB need spring.servlet.multipart.enabled=false "
                            + "(and a large enough limit in any proxy in front of the app). " : "")
                    + "Nothing was stored.");
        }).addEventData("event.detail.xhr.status");

        uploadStatus.setId("upload-status");
        uploadStatus.addClassName("upload-status");
        checks.setId("upload-checks");
        checks.addClassName("check-grid");
        checks.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        checks.addComponentColumn(c -> passIcon(c.passed())).setHeader("").setWidth("3em").setFlexGrow(0);
        checks.addColumn(UploadOutcome.Check::name).setHeader("Check").setAutoWidth(true).setFlexGrow(0);
        checks.addColumn(UploadOutcome.Check::message).setHeader("Result").setFlexGrow(1);
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
        H3 h = new H3("Versions");
        versions.setId("model-grid");
        versions.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        versions.addColumn(ModelBundle::name).setHeader("Name").setAutoWidth(true).setFlexGrow(1);
        versions.addColumn(ModelBundle::version).setHeader("Version").setAutoWidth(true).setFlexGrow(0);
        versions.addComponentColumn(ModelsView::statusBadge).setHeader("Status").setAutoWidth(true).setFlexGrow(0);
        versions.addComponentColumn(b -> {
            Span s = new Span(b.synthetic() ? "synthetic" : "real data");
            s.getElement().getThemeList().add(b.synthetic() ? "badge contrast" : "badge");
            return s;
        }).setHeader("Trained on").setAutoWidth(true).setFlexGrow(0);
        versions.addComponentColumn(b -> {
            Span s = new Span(b.shortSha());
            s.addClassName("sha");
            s.setTitle("sha256 of manifest.json: " + b.manifestSha256()
                    + (b.archiveSha256() == null ? "" : "\nsha256 of the uploaded zip: " + b.archiveSha256()));
            return s;
        }).setHeader("SHA-256").setAutoWidth(true).setFlexGrow(0);
        versions.addColumn(ModelBundle::uploadedBy).setHeader("Uploaded by").setAutoWidth(true).setFlexGrow(0);
        versions.addColumn(b -> TIME.format(b.uploadedAt())).setHeader("Uploaded").setAutoWidth(true).setFlexGrow(0);
        versions.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setFlexGrow(0);
        versions.setAllRowsVisible(true);
        versions.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(this::showDetails));
        Paragraph hint = new Paragraph("Select a version to see its evaluation metrics. Retired versions are no longer "
                + "offered but stay stored so that snapshots made with them can be regenerated.");
        hint.addClassName("hint");
        Div section = new Div(h, hint, versions);
        section.addClassName("admin-section");
        return section;
    }

    private Component historySection() {
        H3 h = new H3("Activation history");
        history.setId("activation-history");
        history.addThemeVariants(GridVariant.LUMO_COMPACT);
        history.addColumn(a -> TIME.format(a.activatedAt())).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        history.addColumn(a -> switch (a.kind()) {
            case "ROLLBACK" -> "Rolled back to";
            case "INSTALL" -> "Installed at first start";
            default -> "Activated";
        }).setHeader("What").setAutoWidth(true).setFlexGrow(0);
        history.addColumn(a -> a.label() + " (" + a.manifestSha256().substring(0, 12) + ")").setHeader("Model")
                .setFlexGrow(1);
        history.addColumn(ModelActivation::activatedBy).setHeader("By").setAutoWidth(true).setFlexGrow(0);
        history.addColumn(a -> a.durationMs() == null ? "" : a.durationMs() + " ms").setHeader("Load time")
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
            details.add(new Paragraph("No model is registered yet. Upload a bundle above."));
        });
    }

    private void renderActive() {
        activeCard.removeAll();
        Optional<ModelBundle> active = registry.active();
        Optional<BundleInfo> serving = registry.serving();
        if (active.isEmpty() && serving.isEmpty()) {
            activeCard.addClassName("none");
            activeCard.add(new Span(VaadinIcon.WARNING.create(), new Span(" No active model: clinicians cannot "
                    + "predict views until a model is activated.")));
            return;
        }
        activeCard.removeClassName("none");
        Span label = new Span("Active model");
        label.addClassName("card-label");
        String name = active.map(ModelBundle::label)
                .orElseGet(() -> serving.map(i -> i.name() + " " + i.version()).orElse(""));
        H4 title = new H4(name);
        title.setId("active-model-name");
        Div facts = new Div();
        facts.addClassName("card-facts");
        serving.ifPresent(i -> {
            facts.add(new Span("sha256 " + i.sha256().substring(0, 12)));
            facts.add(new Span("on " + i.device()));
            if (i.synthetic()) {
                Span syn = new Span("synthetic (phantom-trained): " + i.intendedUse());
                syn.getElement().getThemeList().add("badge contrast");
                facts.add(syn);
            }
        });
        registry.history(1).stream().findFirst().ifPresent(a -> facts.add(new Span("since " + TIME.format(a.activatedAt())
                + " by " + a.activatedBy())));
        if (serving.isPresent() && active.isPresent() && !serving.get().sha256().equals(active.get().manifestSha256())) {
            Span warn = new Span("The engine serves " + serving.get().id() + " " + serving.get().version()
                    + ", not the registry's active model.");
            warn.getElement().getThemeList().add("badge error");
            facts.add(warn);
        }
        if (serving.isEmpty()) {
            Span warn = new Span("The engine has no model loaded.");
            warn.getElement().getThemeList().add("badge error");
            facts.add(warn);
        }
        Div text = new Div(label, title, facts);
        HorizontalLayout row = new HorizontalLayout(text);
        row.setWidthFull();
        row.setAlignItems(Alignment.CENTER);
        row.expand(text);
        registry.rollbackTarget().ifPresent(target -> {
            Button rollback = new Button("Roll back to " + target.label(), VaadinIcon.ARROW_BACKWARD.create());
            rollback.setId("rollback");
            rollback.addClickListener(e -> runSwitch(rollback, "Rolling back to " + target.label() + "…",
                    () -> registry.rollback(user), b -> "Rolled back to " + b.label() + "."));
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
            Button activate = new Button("Activate");
            activate.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
            activate.setId("activate-" + b.id());
            activate.addClassName("activate-button");
            activate.addClickListener(e -> runSwitch(activate, "Activating " + b.label() + "…",
                    () -> registry.activate(b.id(), user), m -> m.label() + " is now the active model."));
            Button retire = new Button("Retire");
            retire.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            retire.setId("retire-" + b.id());
            retire.addClickListener(e -> act(() -> registry.retire(b.id(), user), b.label() + " is retired."));
            buttons.add(activate, retire);
        } else if (b.status() == ModelStatus.RETIRED) {
            Button restore = new Button("Make available");
            restore.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            restore.setId("restore-" + b.id());
            restore.addClickListener(e -> act(() -> registry.restore(b.id(), user), b.label() + " is available again."));
            buttons.add(restore);
        }
        if (b.status() != ModelStatus.ACTIVE) {
            Button delete = new Button(VaadinIcon.TRASH.create());
            delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            delete.setId("delete-" + b.id());
            delete.setAriaLabel("Delete " + b.label());
            delete.setTooltipText("Delete " + b.label());
            delete.addClickListener(e -> {
                ConfirmDialog confirm = new ConfirmDialog("Delete " + b.label() + "?",
                        "Its files are removed from the model store. This cannot be undone. A model that snapshots "
                                + "were made with cannot be deleted (retire it instead).",
                        "Delete", ok -> act(() -> {
                            registry.delete(b.id(), user);
                            return null;
                        }, b.label() + " was deleted."));
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
                String text = done.apply(b) + " (switched in " + ms + " ms)";
                uploadStatus.setText(text);
                uploadStatus.getElement().setAttribute("data-state", "ok");
                notify(text, false);
                refresh(b.id());
            } else {
                Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
                String text = cause instanceof UserFacingException ? cause.getMessage()
                        : "The model could not be activated. The previous model keeps serving.";
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
            notify(e.getMessage(), true);
            refresh(null);
        }
    }

    // ------------------------------------------------------------------ upload

    private void receive(UploadEvent event) {
        UI ui = event.getUI();
        String fileName = event.getFileName();
        ui.access(() -> {
            uploadStatus.setText("Checking " + safe(fileName) + " (loading the modules and running the golden "
                    + "self-test)…");
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
            showResult(result, result == null ? "The upload was interrupted. Nothing was stored." : null);
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
        uploadStatus.setText(headline(outcome.message()) + (outcome.millis() > 0 ? " (" + outcome.millis() + " ms)" : ""));
        uploadStatus.getElement().setAttribute("data-state", outcome.accepted() ? "ok" : "error");
        long failed = outcome.checks().stream().filter(c -> !c.passed()).count();
        checkSummary.setText(failed == 0 ? "All " + outcome.checks().size() + " checks passed."
                : failed + " of " + outcome.checks().size() + " checks failed (listed first).");
        // Failed checks first: that is what the administrator needs to read.
        checks.setItems(outcome.checks().stream().sorted((a, b) -> Boolean.compare(a.passed(), b.passed())).toList());
        checks.setVisible(true);
        ModelBundle b = outcome.bundle();
        if (b != null && b.status() == ModelStatus.AVAILABLE && outcome.millis() > 0) {
            if (activateNowClick != null) {
                activateNowClick.remove();
            }
            activateNow.setText("Activate " + b.label() + " now");
            activateNowClick = activateNow.addClickListener(e -> runSwitch(activateNow, "Activating " + b.label() + "…",
                    () -> registry.activate(b.id(), user), m -> m.label() + " is now the active model."));
            activateNow.setVisible(true);
        }
        notify(outcome.accepted() ? "Accepted: " + outcome.bundle().label() : headline(outcome.message()),
                !outcome.accepted());
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
        fact(facts, "Bundle id", b.bundleId());
        fact(facts, "Description", m.text("description"));
        fact(facts, "Intended use", m.text("intended_use"));
        fact(facts, "Licence", m.text("license"));
        fact(facts, "Created", m.text("created"));
        fact(facts, "Architecture", m.architecture());
        fact(facts, "Origin", m.origin());
        fact(facts, "Manifest sha256", b.manifestSha256());
        if (b.archiveSha256() != null) {
            fact(facts, "Zip sha256", b.archiveSha256());
        }
        fact(facts, "Size", String.format("%.1f MB", b.sizeBytes() / (1024.0 * 1024.0)));
        fact(facts, "Source", b.source().equals("DEMO") ? "demo bundle, installed at first start" : "uploaded");
        if (b.retiredAt() != null) {
            fact(facts, "Retired", TIME.format(b.retiredAt()));
        }
        details.add(h);
        if (b.synthetic()) {
            Paragraph banner = new Paragraph("Trained on a synthetic phantom, not on patient photos: its predictions "
                    + "demonstrate the workflow and are not clinically meaningful.");
            banner.addClassName("synthetic-banner");
            details.add(banner);
        }
        if (b.flagged()) {
            Paragraph flag = new Paragraph("Flagged at start-up (" + b.flag().reason() + "): " + b.flag().message()
                    + ". An upload of this bundle would be refused today, so it cannot be activated. It stays "
                    + "stored; delete it, or upload a corrected bundle.");
            flag.addClassName("flag-banner");
            flag.setId("model-flag");
            details.add(flag);
        }
        details.add(facts);
        details.add(new ModelMeasurementFacts(b.manifestJson()));

        H4 metricsTitle = new H4("Evaluation on held-out test cases");
        details.add(metricsTitle);
        List<ManifestSummary.Section> sections = m.sections();
        if (sections.isEmpty()) {
            details.add(new Paragraph("The manifest has no per-view evaluation metrics."));
        } else {
            details.add(metricsGrid(sections));
            Paragraph legend = new Paragraph("PSNR and SSIM: higher is closer to the real view; feature cosine: "
                    + "similarity in the image encoder's space (higher is better); Fréchet distance: lower is better. "
                    + "The baselines show what trivial predictors reach: a useful model should beat them.");
            legend.addClassName("hint");
            details.add(legend);
        }
        Map<String, String> more = m.facts();
        if (!more.isEmpty()) {
            Div chips = new Div();
            chips.addClassName("metric-facts");
            more.forEach((k, v) -> chips.add(new Span(k + ": " + v)));
            details.add(chips);
        }
        registry.bundleDirectory(b.manifestSha256()).flatMap(m::gridImage).ifPresent(p -> {
            H4 gt = new H4("Sample grid shipped with the bundle");
            Image img = new Image(DownloadHandler.fromInputStream(ev -> {
                try {
                    return new DownloadResponse(Files.newInputStream(p), "grid.png", "image/png", Files.size(p));
                } catch (IOException e) {
                    return DownloadResponse.error(404);
                }
            }), "Sample grid of " + b.label());
            img.addClassName("model-grid-image");
            img.setId("model-grid-image");
            details.add(gt, img);
        });
        List<String> training = m.training();
        if (!training.isEmpty()) {
            details.add(new H4("Training"));
            Div t = new Div();
            t.addClassName("model-training");
            training.forEach(line -> t.add(new Paragraph(line)));
            details.add(t);
        }
        Button revalidate = new Button("Check the stored files again", VaadinIcon.CHECK_SQUARE_O.create(), e -> {
            try {
                ValidationReport r = registry.revalidate(b.id(), user);
                showResult(new UploadOutcome(r.checks().stream()
                        .map(c -> new UploadOutcome.Check(c.name(), c.passed(), c.message())).toList(),
                        r.ok() ? b : null, r.ok() ? "All " + r.checks().size() + " checks of " + b.label() + " pass."
                                : b.label() + " fails: " + r.firstFailure(), 0), null);
                UI.getCurrent().scrollIntoView();
            } catch (UserFacingException ex) {
                notify(ex.getMessage(), true);
            }
        });
        revalidate.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        revalidate.setId("revalidate");
        details.add(revalidate);
    }

    private static Grid<String> metricsGrid(List<ManifestSummary.Section> sections) {
        Grid<String> g = new Grid<>();
        g.setId("metrics-table");
        g.addClassName("metrics-table");
        g.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_COLUMN_BORDERS);
        g.addColumn(v -> v.equals("all") ? "all views" : v).setHeader("View").setAutoWidth(true).setFlexGrow(0);
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
                Grid.Column<String> c = g.addColumn(v -> ManifestSummary.format(s.value(v, k)))
                        .setHeader(ManifestSummary.metricLabel(k)).setTextAlign(ColumnTextAlign.END)
                        .setAutoWidth(true);
                if (model) {
                    c.setClassNameGenerator(v -> "model-metric");
                }
                cols.add(c);
            }
            if (cols.size() == 1) {
                groups.getCell(cols.get(0)).setText(s.label());
            } else {
                groups.join(cols.toArray(Grid.Column[]::new)).setText(s.label());
            }
        }
        List<String> views = sections.get(0).byView().keySet().stream().toList();
        g.setItems(ManifestSummary.VIEWS.stream().filter(views::contains).toList());
        g.setAllRowsVisible(true);
        return g;
    }

    // ------------------------------------------------------------------ helpers

    private static void fact(Div facts, String label, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        Span l = new Span(label);
        l.addClassName("fact-label");
        Span v = new Span(value);
        v.addClassName("fact-value");
        facts.add(l, v);
    }

    private static Component statusBadge(ModelBundle b) {
        if (b.flagged()) {
            Span s = new Span("flagged");
            s.getElement().getThemeList().add("badge error");
            s.addClassName("status-flagged");
            s.setTitle(b.flag().reason() + ": " + b.flag().message());
            return new Span(plainStatusBadge(b), s);
        }
        return plainStatusBadge(b);
    }

    private static Component plainStatusBadge(ModelBundle b) {
        Span s = new Span(switch (b.status()) {
            case ACTIVE -> "active";
            case AVAILABLE -> "available";
            case RETIRED -> "retired";
        });
        s.getElement().getThemeList().add(switch (b.status()) {
            case ACTIVE -> "badge success primary";
            case AVAILABLE -> "badge";
            case RETIRED -> "badge contrast";
        });
        s.addClassName("status-" + b.status().name().toLowerCase());
        return s;
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

    private static String safe(String name) {
        if (name == null || name.isBlank()) {
            return "the file";
        }
        String clean = name.replaceAll("[^\\p{L}\\p{N}._ -]", "_");
        return clean.length() > 60 ? clean.substring(0, 60) + "…" : clean;
    }
}

package com.ivpstudio.admin;

import com.ivpstudio.cluster.ClusterNodes;
import com.ivpstudio.cluster.ClusterNodesPanel;
import com.ivpstudio.inference.InferenceStats;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinService;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is running: application version, inference device, active model, inference caches, queue and latency,
 * database and JVM memory, and the app nodes sharing the database. Refreshes every 5 seconds while open (UI polling) and on demand.
 */
@Route("admin/status")
@PageTitle("System status · IVP Studio")
@RolesAllowed("ADMIN")
public class SystemStatusView extends VerticalLayout {

    static final int POLL_MILLIS = 5000;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** One row of the caches table. */
    record CacheRow(String name, InferenceStats.CacheSnapshot stats) {
    }

    /** One row of the latency table. */
    record LatencyRow(String operation, InferenceStats.Latency latency) {
    }

    private final SystemStatus status;
    private final Span updated = new Span();
    private final Checkbox auto = new Checkbox("Refresh every 5 s", true);
    private final Div cards = new Div();
    private final Grid<CacheRow> caches = new Grid<>();
    private final Grid<LatencyRow> latency = new Grid<>();
    private final Div engine = new Div();
    private final Div inferenceSection = new Div();
    private final ClusterNodesPanel nodes;
    private int refreshes;
    private com.vaadin.flow.shared.Registration poll;

    public SystemStatusView(SystemStatus status, ClusterNodes clusterNodes) {
        this.status = status;
        this.nodes = new ClusterNodesPanel(clusterNodes);
        addClassName("status-view");
        setWidthFull();

        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> refresh());
        refresh.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        refresh.setId("status-refresh");
        updated.setId("status-updated");
        updated.addClassName("hint");
        auto.setId("status-auto");
        auto.addValueChangeListener(e -> getUI().ifPresent(ui -> ui.setPollInterval(e.getValue() ? POLL_MILLIS : -1)));
        HorizontalLayout top = new HorizontalLayout(new H2("System status"), refresh, auto, updated);
        top.setAlignItems(Alignment.BASELINE);
        top.setWidthFull();
        top.expand(top.getComponentAt(0));

        cards.addClassName("status-cards");
        cards.setId("status-cards");

        caches.setId("status-caches");
        caches.addThemeVariants(GridVariant.LUMO_COMPACT);
        caches.addColumn(CacheRow::name).setHeader("Cache").setAutoWidth(true);
        caches.addColumn(r -> r.stats().size()).setHeader("Entries").setTextAlign(ColumnTextAlign.END);
        caches.addColumn(r -> r.stats().weightBytes() > 0 ? SystemStatus.mb(r.stats().weightBytes()) : "")
                .setHeader("Size").setTextAlign(ColumnTextAlign.END);
        caches.addColumn(r -> r.stats().hits()).setHeader("Hits").setTextAlign(ColumnTextAlign.END);
        caches.addColumn(r -> r.stats().misses()).setHeader("Misses").setTextAlign(ColumnTextAlign.END);
        caches.addColumn(r -> r.stats().hits() + r.stats().misses() == 0 ? "–"
                : String.format("%.0f %%", 100 * r.stats().hitRate())).setHeader("Hit rate")
                .setTextAlign(ColumnTextAlign.END);
        caches.addColumn(r -> r.stats().evictions()).setHeader("Evictions").setTextAlign(ColumnTextAlign.END);
        caches.setAllRowsVisible(true);

        latency.setId("status-latency");
        latency.addThemeVariants(GridVariant.LUMO_COMPACT);
        latency.addColumn(LatencyRow::operation).setHeader("Operation").setAutoWidth(true);
        latency.addColumn(r -> r.latency().count()).setHeader("Last N").setTextAlign(ColumnTextAlign.END);
        latency.addColumn(r -> ms(r.latency().p50())).setHeader("p50").setTextAlign(ColumnTextAlign.END);
        latency.addColumn(r -> ms(r.latency().p95())).setHeader("p95").setTextAlign(ColumnTextAlign.END);
        latency.addColumn(r -> ms(r.latency().p99())).setHeader("p99").setTextAlign(ColumnTextAlign.END);
        latency.addColumn(r -> ms(r.latency().max())).setHeader("max").setTextAlign(ColumnTextAlign.END);
        latency.setAllRowsVisible(true);

        engine.setId("status-engine");
        H3 cacheTitle = new H3("Inference caches");
        H3 latencyTitle = new H3("Latency of recent operations");
        Paragraph latencyHint = new Paragraph("Milliseconds, over the last operations of each kind (the engine keeps "
                + "a fixed window). Metrics for Prometheus: /actuator/prometheus (administrators, HTTP basic).");
        latencyHint.addClassName("hint");
        inferenceSection.add(engine, cacheTitle, caches, latencyTitle, latency, latencyHint);
        inferenceSection.setWidthFull();

        add(top, cards, nodes, inferenceSection);
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        event.getUI().setPollInterval(auto.getValue() ? POLL_MILLIS : -1);
        poll = event.getUI().addPollListener(e -> {
            if (isAttached() && auto.getValue()) {
                refresh();
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
        if (poll != null) {
            poll.remove();
            poll = null;
        }
    }

    /** A deployment must run production mode (pre-compiled bundle, no dev tools, no source tree). */
    private static String vaadinMode() {
        VaadinService service = VaadinService.getCurrent();
        if (service == null) {
            return "unknown";
        }
        return service.getDeploymentConfiguration().isProductionMode() ? "production" : "development";
    }

    void refresh() {
        SystemStatus.Snapshot s = status.snapshot();
        refreshes++;
        updated.setText("Updated " + CLOCK.format(s.takenAt()));
        updated.getElement().setAttribute("data-refreshes", Integer.toString(refreshes));
        cards.removeAll();
        Map<String, String> application = new LinkedHashMap<>(s.application());
        application.put("Mode", vaadinMode());
        cards.add(card("Application", application, "status-application"));
        cards.add(card("Device", s.device(), "status-device"));
        cards.add(card("Active model", s.model(), "status-model"));
        cards.add(card("Database", s.database(), "status-database"));
        Div memory = card("JVM memory", s.memory(), "status-memory");
        ProgressBar heap = new ProgressBar(0, 1, SystemStatus.heapFraction());
        heap.setId("status-heap-bar");
        Span heapLabel = new Span(String.format("Heap: %.0f %% of the maximum in use", 100 * SystemStatus.heapFraction()));
        heapLabel.addClassName("hint");
        memory.add(heap, heapLabel);
        cards.add(memory);
        nodes.refresh();

        engine.removeAll();
        if (s.inference().isEmpty()) {
            engine.add(new H3("Inference engine"), new Paragraph("The inference engine's statistics are not available."));
            caches.setItems(List.of());
            latency.setItems(List.of());
            return;
        }
        InferenceStats.Snapshot i = s.inference().get();
        Map<String, String> e = new java.util.LinkedHashMap<>();
        e.put("Queue depth", i.queueDepth() + " jobs waiting");
        e.put("Running batches", Integer.toString(i.runningBatches()));
        e.put("Batches", i.batches() + (i.batches() > 0 ? String.format(" (%.1f images each on average)", i.meanBatchRows()) : ""));
        e.put("Busy refusals", Long.toString(i.busyRefusals()));
        e.put("Shared in-flight requests", Long.toString(i.sharedInFlight()));
        e.put("Embeddings", i.computedEmbeddings() + " computed, " + i.databaseEmbeddingHits() + " read from the database");
        engine.add(card("Inference engine", e, "status-inference"));
        List<CacheRow> rows = new ArrayList<>();
        if (i.imageEmbeddings() != null) {
            rows.add(new CacheRow("Photo embeddings", i.imageEmbeddings()));
        }
        if (i.textEmbeddings() != null) {
            rows.add(new CacheRow("Text embeddings", i.textEmbeddings()));
        }
        if (i.images() != null) {
            rows.add(new CacheRow("Generated images", i.images()));
        }
        caches.setItems(rows);
        latency.setItems(i.latency().entrySet().stream().map(x -> new LatencyRow(x.getKey(), x.getValue())).toList());
    }

    private static Div card(String title, Map<String, String> values, String id) {
        Div card = new Div();
        card.addClassName("status-card");
        card.setId(id);
        card.add(new H3(title));
        Div list = new Div();
        list.addClassName("kv");
        values.forEach((k, v) -> {
            Span key = new Span(k);
            key.addClassName("kv-key");
            Span value = new Span(v);
            value.addClassName("kv-value");
            list.add(key, value);
        });
        card.add(list);
        return card;
    }

    private static String ms(double v) {
        return v >= 100 ? String.format("%.0f", v) : String.format("%.1f", v);
    }

}

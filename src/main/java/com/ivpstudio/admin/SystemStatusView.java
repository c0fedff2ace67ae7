package com.ivpstudio.admin;

import com.ivpstudio.cluster.ClusterNodes;
import com.ivpstudio.cluster.ClusterNodesPanel;
import com.ivpstudio.inference.InferenceStats;
import com.ivpstudio.language.UserFormats;
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
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinService;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is running: application version, inference device, active model, inference caches, queue and latency,
 * database and JVM memory, and the app nodes sharing the database. Refreshes every 5 seconds while open (UI polling) and on demand.
 */
@Route("admin/status")
@RolesAllowed("ADMIN")
public class SystemStatusView extends VerticalLayout implements HasDynamicTitle {

    static final int POLL_MILLIS = 5000;
    private static final ZoneId ZONE = ZoneId.systemDefault();

    /** One row of the caches table. */
    record CacheRow(String name, InferenceStats.CacheSnapshot stats) {
    }

    /** One row of the latency table. */
    record LatencyRow(String operation, InferenceStats.Latency latency) {
    }

    private final SystemStatus status;
    private final Span updated = new Span();
    private final Checkbox auto = new Checkbox(true);
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

        auto.setLabel(getTranslation("admin.status.auto-refresh"));
        auto.setTooltipText(getTranslation("admin.status.auto-refresh.help"));
        Button refresh = new Button(getTranslation("admin.status.refresh"), VaadinIcon.REFRESH.create(), e -> refresh());
        refresh.setTooltipText(getTranslation("admin.status.refresh.help"));
        refresh.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        refresh.setId("status-refresh");
        updated.setId("status-updated");
        updated.addClassName("hint");
        auto.setId("status-auto");
        auto.addValueChangeListener(e -> getUI().ifPresent(ui -> ui.setPollInterval(e.getValue() ? POLL_MILLIS : -1)));
        HorizontalLayout top = new HorizontalLayout(new H2(getTranslation("admin.status.title")), refresh, auto, updated);
        top.setAlignItems(Alignment.BASELINE);
        top.setWidthFull();
        top.expand(top.getComponentAt(0));

        cards.addClassName("status-cards");
        cards.setId("status-cards");

        caches.setId("status-caches");
        caches.addThemeVariants(GridVariant.LUMO_COMPACT);
        caches.addColumn(CacheRow::name).setHeader(getTranslation("admin.status.caches.cache")).setAutoWidth(true);
        caches.addColumn(r -> r.stats().size())
                .setHeader(getTranslation("admin.status.caches.entries")).setTextAlign(ColumnTextAlign.END);
        caches.addColumn(r -> r.stats().weightBytes() > 0 ? SystemStatus.mb(r.stats().weightBytes()) : "")
                .setHeader(getTranslation("admin.status.caches.size")).setTextAlign(ColumnTextAlign.END);
        caches.addColumn(r -> r.stats().hits())
                .setHeader(getTranslation("admin.status.caches.hits")).setTextAlign(ColumnTextAlign.END);
        caches.addColumn(r -> r.stats().misses())
                .setHeader(getTranslation("admin.status.caches.misses")).setTextAlign(ColumnTextAlign.END);
        caches.addColumn(r -> r.stats().hits() + r.stats().misses() == 0 ? "–"
                : UserFormats.percent(r.stats().hitRate(), getLocale()))
                .setHeader(getTranslation("admin.status.caches.hit-rate"))
                .setTextAlign(ColumnTextAlign.END);
        caches.addColumn(r -> r.stats().evictions())
                .setHeader(getTranslation("admin.status.caches.evictions")).setTextAlign(ColumnTextAlign.END);
        caches.setAllRowsVisible(true);

        latency.setId("status-latency");
        latency.addThemeVariants(GridVariant.LUMO_COMPACT);
        latency.addColumn(LatencyRow::operation)
                .setHeader(getTranslation("admin.status.latency.operation")).setAutoWidth(true);
        latency.addColumn(r -> r.latency().count())
                .setHeader(getTranslation("admin.status.latency.count")).setTextAlign(ColumnTextAlign.END);
        latency.addColumn(r -> ms(r.latency().p50()))
                .setHeader(getTranslation("admin.status.latency.p50")).setTextAlign(ColumnTextAlign.END);
        latency.addColumn(r -> ms(r.latency().p95()))
                .setHeader(getTranslation("admin.status.latency.p95")).setTextAlign(ColumnTextAlign.END);
        latency.addColumn(r -> ms(r.latency().p99()))
                .setHeader(getTranslation("admin.status.latency.p99")).setTextAlign(ColumnTextAlign.END);
        latency.addColumn(r -> ms(r.latency().max()))
                .setHeader(getTranslation("admin.status.latency.max")).setTextAlign(ColumnTextAlign.END);
        latency.setAllRowsVisible(true);

        engine.setId("status-engine");
        H3 cacheTitle = new H3(getTranslation("admin.status.caches.title"));
        H3 latencyTitle = new H3(getTranslation("admin.status.latency.title"));
        Paragraph latencyHint = new Paragraph(getTranslation("admin.status.latency.help"));
        latencyHint.addClassName("hint");
        inferenceSection.add(engine, cacheTitle, caches, latencyTitle, latency, latencyHint);
        inferenceSection.setWidthFull();

        add(top, cards, nodes, inferenceSection);
        refresh();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.status.page-title");
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
    private String vaadinMode() {
        VaadinService service = VaadinService.getCurrent();
        if (service == null) {
            return getTranslation("admin.status.mode.unknown");
        }
        return getTranslation(service.getDeploymentConfiguration().isProductionMode() ? "admin.status.mode.production"
                : "admin.status.mode.development");
    }

    void refresh() {
        SystemStatus.Snapshot s = status.snapshot();
        refreshes++;
        updated.setText(getTranslation("admin.status.updated", UserFormats.time(s.takenAt(), ZONE, getLocale())));
        updated.getElement().setAttribute("data-refreshes", Integer.toString(refreshes));
        cards.removeAll();
        Map<String, String> application = new LinkedHashMap<>(s.application());
        application.put(getTranslation("admin.status.mode"), vaadinMode());
        cards.add(card(getTranslation("admin.status.card.application"), application, "status-application"));
        cards.add(card(getTranslation("admin.status.card.device"), s.device(), "status-device"));
        cards.add(card(getTranslation("admin.status.card.model"), s.model(), "status-model"));
        cards.add(card(getTranslation("admin.status.card.database"), s.database(), "status-database"));
        Div memory = card(getTranslation("admin.status.card.memory"), s.memory(), "status-memory");
        ProgressBar heap = new ProgressBar(0, 1, SystemStatus.heapFraction());
        heap.setId("status-heap-bar");
        Span heapLabel = new Span(getTranslation("admin.status.heap",
                UserFormats.percent(SystemStatus.heapFraction(), getLocale())));
        heapLabel.addClassName("hint");
        memory.add(heap, heapLabel);
        cards.add(memory);
        nodes.refresh();

        engine.removeAll();
        if (s.inference().isEmpty()) {
            engine.add(new H3(getTranslation("admin.status.card.inference")),
                    new Paragraph(getTranslation("admin.status.inference.unavailable")));
            caches.setItems(List.of());
            latency.setItems(List.of());
            return;
        }
        InferenceStats.Snapshot i = s.inference().get();
        Map<String, String> e = new java.util.LinkedHashMap<>();
        e.put(getTranslation("admin.status.inference.queue"), getTranslation("admin.status.inference.queue.value",
                i.queueDepth()));
        e.put(getTranslation("admin.status.inference.running"), Integer.toString(i.runningBatches()));
        e.put(getTranslation("admin.status.inference.batches"), i.batches() > 0
                ? getTranslation("admin.status.inference.batches.value", i.batches(), i.meanBatchRows())
                : Long.toString(i.batches()));
        e.put(getTranslation("admin.status.inference.busy"), Long.toString(i.busyRefusals()));
        e.put(getTranslation("admin.status.inference.shared"), Long.toString(i.sharedInFlight()));
        e.put(getTranslation("admin.status.inference.embeddings"), getTranslation(
                "admin.status.inference.embeddings.value", i.computedEmbeddings(), i.databaseEmbeddingHits()));
        engine.add(card(getTranslation("admin.status.card.inference"), e, "status-inference"));
        List<CacheRow> rows = new ArrayList<>();
        if (i.imageEmbeddings() != null) {
            rows.add(new CacheRow(getTranslation("admin.status.cache.photo"), i.imageEmbeddings()));
        }
        if (i.textEmbeddings() != null) {
            rows.add(new CacheRow(getTranslation("admin.status.cache.text"), i.textEmbeddings()));
        }
        if (i.images() != null) {
            rows.add(new CacheRow(getTranslation("admin.status.cache.images"), i.images()));
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

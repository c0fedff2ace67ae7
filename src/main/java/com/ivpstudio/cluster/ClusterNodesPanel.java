package com.ivpstudio.cluster;

import com.ivpstudio.language.UserFormats;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The nodes table of the system status page: every app node sharing the database, whether it still answers, the
 * model it serves, its device, its waiting work and its version.
 */
public class ClusterNodesPanel extends Div {

    private final ClusterNodes nodes;
    private final Grid<ClusterNode> grid = new Grid<>();

    public ClusterNodesPanel(ClusterNodes nodes) {
        this.nodes = nodes;
        setId("status-nodes");
        setWidthFull();
        grid.setId("status-nodes-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addColumn(this::name).setHeader(getTranslation("cluster.nodes.node")).setAutoWidth(true);
        grid.addColumn(n -> state(n, Instant.now())).setHeader(getTranslation("cluster.nodes.state")).setAutoWidth(true);
        grid.addColumn(n -> n.modelLabel() == null ? getTranslation("cluster.nodes.no-model")
                : getTranslation("cluster.nodes.model", n.modelLabel(), n.modelSha256().substring(0, 12)))
                .setHeader(getTranslation("cluster.nodes.model-header")).setAutoWidth(true);
        grid.addColumn(n -> n.device() == null ? "–" : n.device()).setHeader(getTranslation("cluster.nodes.device"))
                .setAutoWidth(true);
        grid.addColumn(ClusterNode::queueDepth).setHeader(getTranslation("cluster.nodes.queue"))
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(ClusterNode::appVersion).setHeader(getTranslation("cluster.nodes.version")).setAutoWidth(true);
        grid.addColumn(n -> UserFormats.dateTime(n.startedAt(), ZoneId.systemDefault(), getLocale()))
                .setHeader(getTranslation("cluster.nodes.started")).setAutoWidth(true);
        grid.setAllRowsVisible(true);
        Paragraph hint = new Paragraph(getTranslation("cluster.nodes.hint", nodes.silence().toSeconds()));
        hint.addClassName("hint");
        add(new H3(getTranslation("cluster.nodes.title")), grid, hint);
        refresh();
    }

    public void refresh() {
        grid.setItems(nodes.all());
    }

    private String name(ClusterNode n) {
        return n.id().equals(nodes.thisNodeId()) ? getTranslation("cluster.nodes.this-node", n.address())
                : n.address();
    }

    private String state(ClusterNode n, Instant now) {
        if (!n.respondsWithin(nodes.silence(), now)) {
            return getTranslation("cluster.nodes.silent",
                    UserFormats.dateTime(n.lastSeen(), ZoneId.systemDefault(), getLocale()));
        }
        return getTranslation(n.stopping() ? "cluster.nodes.stopping" : "cluster.nodes.running");
    }
}

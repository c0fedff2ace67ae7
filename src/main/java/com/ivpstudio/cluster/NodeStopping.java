package com.ivpstudio.cluster;

/** This node has begun to shut down: tell the people using it, before their connection drops. */
public record NodeStopping() {
}

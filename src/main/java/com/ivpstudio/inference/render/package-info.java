/**
 * Display PNGs of model output: resize to 5:3, the SIMULATED label, the deterministic PNG writer, the provenance
 * written into each image, and the threads that render a request's images side by side.
 */
package com.ivpstudio.inference.render;

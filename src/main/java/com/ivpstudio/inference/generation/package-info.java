/**
 * One generating request: the images each operation makes ({@code ImagePlans}), identical requests shared, rows sent
 * through the batcher in chunks with cancellation and progress, the spread (uncertainty) maps.
 */
package com.ivpstudio.inference.generation;

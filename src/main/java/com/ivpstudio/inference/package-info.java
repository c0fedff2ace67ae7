/**
 * Model inference, as a facade: {@link com.ivpstudio.inference.InferenceService} and the plain types other features
 * use (embeddings, photo references, generated images, provenance, sampling, the user-facing exceptions). The work is
 * done in the sub-packages, one job each: {@code bundle} (read, validate and self-test a model bundle),
 * {@code engine} (libtorch: device, engine threads, TorchScript modules), {@code runtime} (the active bundle and its
 * leases, the generator batcher), {@code embeddings} (photo and prompt embeddings, cached in memory and PostgreSQL),
 * {@code pixels} (the models' pre- and post-processing), {@code generation} (a request's images: plans, shared
 * requests, spread maps), {@code render} (display PNGs, label, provenance) and {@code comparison} (prediction vs photo).
 */
package com.ivpstudio.inference;

/**
 * The model being served: the active bundle, swapped atomically and held by each operation through a lease, and the
 * dynamic batcher that runs the generator (mapping + synthesis) for many callers in one pass.
 */
package com.ivpstudio.inference.runtime;

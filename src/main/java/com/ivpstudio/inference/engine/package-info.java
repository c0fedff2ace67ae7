/**
 * libtorch through DJL: the device chosen once, the few engine threads every forward pass runs on, one TorchScript
 * module called with plain Java tensors, the reused native input buffer and the malloc tuning. Knows nothing of bundles.
 */
package com.ivpstudio.inference.engine;

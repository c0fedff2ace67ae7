package com.ivpstudio.inference.bundle;

import com.ivpstudio.inference.engine.TorchModule;

/**
 * A bundle's second out-of-distribution check ({@code ood.picture}): the TorchScript module that turns the image
 * encoder's input into colour and brightness statistics, and those statistics' distribution over the training
 * fronts. The embedding ignores colours by training; this check does not.
 */
record PictureCheck(TorchModule module, OodStatistics statistics) {
}

/**
 * The models' pre- and post-processing in one place, like DJL's translators: a stored photo decoded into the image
 * encoder's input (and squashed like training for comparisons); the generator's output turned into RGB pixels.
 */
package com.ivpstudio.inference.pixels;

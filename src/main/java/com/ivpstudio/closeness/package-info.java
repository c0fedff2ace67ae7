/**
 * How close a prediction came to the real photo, in plain words: one wording for every screen and document that
 * shows a comparison. Depends on no feature, so the studio, the progress timeline and the case report can all use it.
 */
package com.ivpstudio.closeness;

/**
 * Embeddings κ of photos and prompts under a bundle: prompt normalising, the memory and PostgreSQL store keyed by
 * bundle sha256 + input sha256, and computing them on a miss.
 */
package com.ivpstudio.inference.embeddings;

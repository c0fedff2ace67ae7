/**
 * A model bundle (docs/model-bundle.md) read, checked and loaded: manifest and its schema, file hashes, the four
 * TorchScript modules and tokenizer, the golden self-test, and the report of every check.
 */
package com.ivpstudio.inference.bundle;

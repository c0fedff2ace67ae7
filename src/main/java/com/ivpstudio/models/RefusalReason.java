package com.ivpstudio.models;

/**
 * Why a bundle was refused or flagged: the code recorded in the audit trail (the message shown to the administrator
 * says the same in words).
 */
public enum RefusalReason {
    /** The upload exceeds the size limit or is empty. */
    UPLOAD_SIZE,
    /** Not a zip, or a damaged one. */
    NOT_A_ZIP,
    /** Too many entries, or more bytes than the limit or the manifest allows. */
    OVER_BUDGET,
    /** An absolute path, {@code ..}, a backslash or a drive letter. */
    UNSAFE_PATH,
    /** A symbolic link entry. */
    SYMLINK,
    /** The same entry twice, or a path listed twice in the manifest. */
    DUPLICATE,
    /** No manifest.json, or one that is not valid. */
    MANIFEST,
    /** A file the manifest does not list. */
    UNLISTED_FILE,
    /** A listed file that is not there. */
    MISSING_FILE,
    /** A file whose size differs from the manifest's. */
    SIZE_MISMATCH,
    /** A file whose sha256 differs from the manifest's. */
    SHA256_MISMATCH,
    /** A Python pickle or a torch.save archive that is not TorchScript. */
    PICKLE,
    /** The loader's checks failed (modules, golden vectors, shapes, tokenizer). */
    VALIDATION,
    /** The same bundle is already registered. */
    ALREADY_REGISTERED,
    /** The upload could not be read or stored. */
    STORAGE
}

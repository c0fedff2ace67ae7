package com.ivpstudio.models;

/** One entry of a manifest's {@code files} list: the only files a bundle may hold. */
public record ListedFile(String path, long size, String sha256) {
}

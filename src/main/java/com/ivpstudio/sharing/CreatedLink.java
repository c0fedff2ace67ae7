package com.ivpstudio.sharing;

/** A new link and its token: the only moment the token exists outside the patient's link. */
public record CreatedLink(ShareLink link, String token) {
}

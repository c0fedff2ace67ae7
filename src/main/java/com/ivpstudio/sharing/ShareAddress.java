package com.ivpstudio.sharing;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The address a patient opens: {@code ivp.sharing.public-url} when set (behind a proxy the app cannot see its own
 * public name), else the scheme, host and port of the staff member's request.
 */
@Component
public class ShareAddress {

    static final String PATH = "/p/";
    private final String publicUrl;

    ShareAddress(@Value("${ivp.sharing.public-url:}") String publicUrl) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public String linkFor(String token, HttpServletRequest request) {
        String base = publicUrl.isEmpty() ? ServletUriComponentsBuilder.fromContextPath(request).build().toUriString()
                : publicUrl;
        return base + PATH + token;
    }
}

package com.ivpstudio.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A push connection that still carries a session id the server no longer knows is refused (403) without a new
 * session. Signing in replaces the session id (protection against session fixation) while the sign-in page's push
 * connection may still reconnect or close with the old id; answered normally, that request made a fresh anonymous
 * session whose cookie could reach the browser after the signed-in one and replace it, and the user landed on the
 * sign-in page again right after signing in. A page whose session really ended learns it from its next request.
 */
class ReplacedSessionPushFilter extends OncePerRequestFilter {

    static final String PUSH_PATH = "/VAADIN/push";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.equals(PUSH_PATH) && !path.startsWith(PUSH_PATH + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid()) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setHeader("Cache-Control", "no-store");
            return;
        }
        chain.doFilter(request, response);
    }

    @Configuration
    static class Registration {

        @Bean
        FilterRegistrationBean<ReplacedSessionPushFilter> replacedSessionPushFilter() {
            FilterRegistrationBean<ReplacedSessionPushFilter> bean =
                    new FilterRegistrationBean<>(new ReplacedSessionPushFilter());
            // before Spring Security and Vaadin: neither may touch the session of such a request
            bean.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 2);
            bean.addUrlPatterns(PUSH_PATH, PUSH_PATH + "/*");
            return bean;
        }
    }
}

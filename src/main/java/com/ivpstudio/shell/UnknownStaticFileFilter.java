package com.ivpstudio.shell;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request for a static file that does not exist (/images/x, /scripts/x, /icons/x) gets a plain-text 404. Without
 * this, Vaadin's router answered such paths with the "Not found" screen inside the app frame (navigation, Sign out),
 * even to anonymous visitors. It runs before Spring Security: whether a file exists is no secret, and it answers
 * the same to everyone.
 */
class UnknownStaticFileFilter extends OncePerRequestFilter {

    static final List<String> STATIC_PREFIXES = List.of("/images/", "/scripts/", "/icons/", "/fonts/", "/styles/");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return STATIC_PREFIXES.stream().noneMatch(path::startsWith);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.contains("..") && !path.contains(";") && exists(path)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write("Not found\n".getBytes(StandardCharsets.UTF_8));
    }

    /** Static files are served from META-INF/resources (frontend/scripts is packaged there). */
    private boolean exists(String path) throws IOException {
        return !path.endsWith("/")
                && (getServletContext().getResource(path) != null
                || getClass().getClassLoader().getResource("META-INF/resources" + path) != null);
    }

    @Configuration
    static class Registration {

        @Bean
        FilterRegistrationBean<UnknownStaticFileFilter> unknownStaticFileFilter() {
            FilterRegistrationBean<UnknownStaticFileFilter> bean = new FilterRegistrationBean<>(new UnknownStaticFileFilter());
            bean.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
            bean.addUrlPatterns("/*");
            return bean;
        }
    }
}

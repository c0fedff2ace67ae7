package com.ivpstudio.shell;

import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Opening a screen that does not exist answers HTTP 404. Vaadin sends the same bootstrap page for every path and
 * resolves the route in a later request, so the page itself always answered 200 before the "Not found" screen
 * showed. Only page loads are touched (GET, HTML, no Vaadin request type, no file name); everything else, and any
 * redirect or error, passes unchanged. It runs after Spring Security, so an anonymous visitor is still sent to
 * sign in first.
 */
class UnknownScreenStatusFilter extends OncePerRequestFilter {

    private final HandlerMapping controllers;

    UnknownScreenStatusFilter(HandlerMapping controllers) {
        this.controllers = controllers;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = pathInApp(request);
        String accept = request.getHeader("Accept");
        return !"GET".equals(request.getMethod())
                || accept == null || !accept.contains("text/html")
                || request.getParameter("v-r") != null
                || path.startsWith("VAADIN/")
                || path.substring(path.lastIndexOf('/') + 1).contains(".")
                || UnknownStaticFileFilter.STATIC_PREFIXES.stream().anyMatch(p -> ("/" + path).startsWith(p));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ApplicationRouteRegistry routes = ApplicationRouteRegistry.getInstance(new VaadinServletContext(getServletContext()));
        if (routes.getNavigationTarget(pathInApp(request)).isPresent() || handledByAController(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void setStatus(int status) {
                if (status != SC_OK) {
                    super.setStatus(status);
                }
            }
        });
    }

    /** Pages of Spring MVC controllers (a feature's own HTML outside the Vaadin app) set their own status. */
    private boolean handledByAController(HttpServletRequest request) {
        try {
            return controllers.getHandler(request) != null;
        } catch (Exception e) {
            return false;
        }
    }

    private static String pathInApp(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/") ? path.substring(1) : path;
    }

    @Configuration
    static class Registration {

        @Bean
        FilterRegistrationBean<UnknownScreenStatusFilter> unknownScreenStatusFilter(
                @Qualifier("requestMappingHandlerMapping") HandlerMapping controllers) {
            FilterRegistrationBean<UnknownScreenStatusFilter> bean = new FilterRegistrationBean<>(
                    new UnknownScreenStatusFilter(controllers));
            bean.setOrder(0); // after Spring Security (-100)
            bean.addUrlPatterns("/*");
            return bean;
        }
    }
}

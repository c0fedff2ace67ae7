package com.ivpstudio.security;

import com.vaadin.flow.spring.security.VaadinWebSecurity;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

@Configuration
@EnableWebSecurity
@EnableMethodSecurity
public class SecurityConfiguration extends VaadinWebSecurity {

    /**
     * The actuator, for scrapers and probes: HTTP basic, no session, and plain status codes (401 without or with
     * wrong credentials, 403 for a non-admin) instead of the UI's redirect to the sign-in page. It comes before
     * Vaadin's chain, whose form-login entry point would otherwise answer every anonymous request with a 302.
     */
    @Bean
    @Order(1)
    SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
        // Status codes are set, not sent as errors: sendError would dispatch to /error, which the UI's chain
        // answers with a redirect to the sign-in page.
        AuthenticationEntryPoint basic = (request, response, failed) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"IVP Studio actuator\"");
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
        };
        // The path as well: an endpoint that is switched off (prometheus in tests) must not fall through to the UI.
        return http.securityMatchers(m -> m.requestMatchers(EndpointRequest.toAnyEndpoint()).requestMatchers("/actuator/**"))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .anyRequest().hasRole(Role.ADMIN_NAME))
                .httpBasic(b -> b.authenticationEntryPoint(basic))
                .exceptionHandling(e -> e.authenticationEntryPoint(basic)
                        .accessDeniedHandler((request, response, denied) ->
                                response.setStatus(HttpStatus.FORBIDDEN.value())))
                .sessionManagement(sm -> sm.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .build();
    }

    @Override
    protected void configure(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                .requestMatchers("/scripts/**", "/images/**").permitAll());
        http.headers(headers -> headers
                .referrerPolicy(r -> r.policy(
                        org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                .contentTypeOptions(c -> { })
                .contentSecurityPolicy(csp -> csp.policyDirectives(ContentSecurityPolicy.POLICY)));
        super.configure(http);
        setLoginView(http, LoginView.class);
    }

    /**
     * A request the firewall refuses (encoded dots, semicolons, …: scanners send many) is a 400 answered by the error
     * page with one log line, not an exception that Tomcat logs with its whole stack trace.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return new HttpStatusRequestRejectedHandler();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(12);
    }
}

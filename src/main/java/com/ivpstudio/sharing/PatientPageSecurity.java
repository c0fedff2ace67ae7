package com.ivpstudio.sharing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * The patient page's own security chain, for /p/** only and ahead of the staff app's: anonymous (the token is the
 * key; passcodes are checked by the page), no session, and strict headers on every answer — including refusals.
 * Everything else keeps the staff app's chain.
 */
@Configuration(proxyBeanMethods = false)
class PatientPageSecurity {

    @Bean
    @Order(2)
    SecurityFilterChain patientPageChain(HttpSecurity http, PatientPageAssets assets) throws Exception {
        return http.securityMatcher("/p/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .sessionManagement(sm -> sm.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                // The only form posts a passcode; the grant cookie is SameSite and bound to one link's path.
                .csrf(csrf -> csrf.disable())
                .anonymous(a -> a.principal("patient-link"))
                .headers(h -> h
                        .cacheControl(c -> { })
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
                        .contentSecurityPolicy(csp -> csp.policyDirectives(assets.contentSecurityPolicy()))
                        .addHeaderWriter(new StaticHeadersWriter("X-Robots-Tag", "noindex, nofollow")))
                .build();
    }
}

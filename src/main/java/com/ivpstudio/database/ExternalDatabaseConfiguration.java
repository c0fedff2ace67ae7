package com.ivpstudio.database;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** An external PostgreSQL configured through the standard SPRING_DATASOURCE_* variables. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${spring.datasource.url:}'.isBlank()")
public class ExternalDatabaseConfiguration {

    @Bean
    DatabaseMode databaseMode() {
        return DatabaseMode.EXTERNAL;
    }
}

package com.ivpstudio.models;

import java.util.Comparator;
import org.junit.jupiter.api.MethodDescriptor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;

/**
 * Test methods in reverse name order, to check that integration tests do not depend on each other's state:
 * {@code ./mvnw verify -Dfailsafe.runOrder=reversealphabetical
 * -DargLine=-Djunit.jupiter.testmethod.order.default=com.ivpstudio.models.ReverseMethodOrder}.
 */
public class ReverseMethodOrder implements MethodOrderer {

    @Override
    public void orderMethods(MethodOrdererContext context) {
        context.getMethodDescriptors().sort(Comparator.comparing(
                (MethodDescriptor d) -> d.getMethod().getName() + d.getDisplayName()).reversed());
    }
}

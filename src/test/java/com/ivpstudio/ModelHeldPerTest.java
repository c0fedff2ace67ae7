package com.ivpstudio;

import com.ivpstudio.inference.InferenceService;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * {@link ActiveModel} around every test of a class: a model is active during the test and what was active before
 * comes back after it. Declare {@code @RegisterExtension final ModelHeldPerTest model = new ModelHeldPerTest();}.
 */
public final class ModelHeldPerTest implements BeforeEachCallback, AfterEachCallback {

    private ActiveModel held;

    @Override
    public void beforeEach(ExtensionContext context) {
        held = ActiveModel.ensure(SpringExtension.getApplicationContext(context).getBean(InferenceService.class));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (held != null) {
            held.close();
            held = null;
        }
    }
}

package com.ivpstudio.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** PackagedJarIT's reading of the app log forgives only a push to a page the test already closed. */
class PackagedJarLogTest {

    private static final String PUSH_ERROR =
            "2026-11-30T22:11:08.841Z ERROR 15746 --- [ivp-studio] [sphere-Shared-0] c.v.f.s.c.PushAtmosphereHandler          : Exception in push connection";

    @Test
    void aPushToAClosedWebSocketIsNotCountedAsAnAppError() {
        String log = "INFO started\n" + PUSH_ERROR + "\n\njava.lang.IllegalStateException: Message will not be sent "
                + "because the WebSocket session has been closed\n\tat org.apache.tomcat.websocket.X\n";
        assertThat(PackagedJarIT.errorsOtherThanPushToAClosedPage(log)).isEmpty();
    }

    @Test
    void aPushErrorWithAnotherCauseAndAnyOtherErrorStillCount() {
        String log = PUSH_ERROR + "\njava.lang.NullPointerException: boom\n"
                + "2026-11-30T22:11:09Z ERROR 1 --- [main] c.i.Something : Failed\n";
        assertThat(PackagedJarIT.errorsOtherThanPushToAClosedPage(log)).hasSize(2);
    }
}

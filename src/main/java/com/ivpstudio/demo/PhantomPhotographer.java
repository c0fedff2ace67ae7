package com.ivpstudio.demo;

import com.ivpstudio.phantom.PhantomPatient;
import com.ivpstudio.phantom.PhantomRenderer;
import com.ivpstudio.phantom.View;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.springframework.stereotype.Component;

/** Takes "photographs" of phantom patients at the size and 5:3 aspect of clinical intraoral photos. */
@Component
class PhantomPhotographer {

    static final int WIDTH = 640;
    static final int HEIGHT = 384;

    byte[] photograph(PhantomPatient patient, View view, long photoSeed) {
        PhantomRenderer.Rendered rendered = PhantomRenderer.render(patient, view, photoSeed, WIDTH, HEIGHT, WIDTH / (double) HEIGHT);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(rendered.image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

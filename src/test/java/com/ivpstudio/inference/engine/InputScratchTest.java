package com.ivpstudio.inference.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class InputScratchTest {

    @Test
    void eachInputOfACallGetsItsOwnAlignedSliceWithItsValues() {
        Tensors oneHot = Tensors.of(new float[] {1, 0, 0, 0}, 1, 4);
        Tensors photo = Tensors.ofUnsignedBytes(new byte[] {1, 2, 3, (byte) 255, 7, 8}, true, 1, 3, 1, 2);
        Tensors ids = Tensors.ofLongs(new long[] {2, 5, 3}, 1, 3);
        InputScratch.Slices s = InputScratch.forThisThread(new Tensors[] {oneHot, photo, ids});

        ByteBuffer f = s.floats(0, oneHot.floats());
        ByteBuffer b = s.bytes(1, photo.bytes());
        ByteBuffer l = s.longs(2, ids.longs());

        assertThat(s.offsets()).containsExactly(0, 64, 128);
        assertThat(f.isDirect()).isTrue();
        assertThat(f.order()).isEqualTo(ByteOrder.nativeOrder());
        assertThat(f.remaining()).isEqualTo(16);
        assertThat(f.getFloat(0)).isEqualTo(1f);
        assertThat(b.remaining()).isEqualTo(6);
        assertThat(b.get(3) & 0xff).isEqualTo(255);
        assertThat(l.remaining()).isEqualTo(24);
        assertThat(l.getLong(16)).isEqualTo(3L);
        assertThat(f.getFloat(0)).as("later inputs do not overwrite earlier ones").isEqualTo(1f);
    }

    @Test
    void theThreadsBufferIsReusedAndAnOversizedCallGetsItsOwn() {
        Tensors small = Tensors.of(new float[16], 4, 4);
        ByteBuffer first = InputScratch.forThisThread(new Tensors[] {small}).buffer();
        assertThat(InputScratch.forThisThread(new Tensors[] {small}).buffer()).isSameAs(first);

        Tensors huge = Tensors.ofUnsignedBytes(new byte[InputScratch.MAX_REUSED + 1], false, InputScratch.MAX_REUSED + 1);
        ByteBuffer own = InputScratch.forThisThread(new Tensors[] {huge}).buffer();
        assertThat(own).isNotSameAs(first);
        assertThat(InputScratch.forThisThread(new Tensors[] {small}).buffer()).isSameAs(first);
    }
}

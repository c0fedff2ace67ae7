package com.ivpstudio.language;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The string literals compiled into a class and its nested and lambda-holding classes: the constant pool's String
 * entries, which also hold the fixed parts of string concatenations ({@code "Delete " + name} → "Delete \u0001").
 */
final class ClassStringConstants {

    private ClassStringConstants() {
    }

    static Set<String> of(Class<?> type) {
        Set<String> out = new LinkedHashSet<>();
        for (Path file : classFiles(type)) {
            try (InputStream in = Files.newInputStream(file)) {
                out.addAll(read(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** The class file itself and those of its nested classes (Name$1, Name$Inner). */
    private static List<Path> classFiles(Class<?> type) {
        try {
            String simple = type.getName().substring(type.getName().lastIndexOf('.') + 1);
            Path own = Path.of(type.getResource(simple + ".class").toURI());
            String prefix = simple + "$";
            try (Stream<Path> siblings = Files.list(own.getParent())) {
                List<Path> files = new ArrayList<>(List.of(own));
                siblings.filter(p -> p.getFileName().toString().startsWith(prefix)).forEach(files::add);
                return files;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> read(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        Map<Integer, String> utf8 = new HashMap<>();
        List<Integer> strings = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8.put(i, in.readUTF());
                case 8 -> strings.add(in.readUnsignedShort());
                case 7, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++; // eight-byte constants take two slots
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return strings.stream().map(utf8::get).toList();
    }
}

package com.ivpstudio.reports;

import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfObject;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A written PDF read back with OpenPDF: each page's text, the images on each page and the document information. */
record ReportPdfs(List<String> pages, List<Integer> imagesPerPage, Map<String, String> info) {

    static ReportPdfs read(byte[] pdf) {
        try {
            PdfReader reader = new PdfReader(pdf);
            List<String> pages = new ArrayList<>();
            List<Integer> images = new ArrayList<>();
            for (int p = 1; p <= reader.getNumberOfPages(); p++) {
                pages.add(new PdfTextExtractor(reader).getTextFromPage(p));
                images.add(images(reader.getPageN(p)));
            }
            Map<String, String> info = new HashMap<>(reader.getInfo());
            reader.close();
            return new ReportPdfs(pages, images, info);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int images(PdfDictionary page) {
        PdfDictionary resources = page.getAsDict(PdfName.RESOURCES);
        PdfDictionary xobjects = resources == null ? null : resources.getAsDict(PdfName.XOBJECT);
        if (xobjects == null) {
            return 0;
        }
        int n = 0;
        for (PdfName key : xobjects.getKeys()) {
            PdfObject o = PdfReader.getPdfObject(xobjects.get(key));
            if (o instanceof PdfDictionary d && PdfName.IMAGE.equals(d.getAsName(PdfName.SUBTYPE))) {
                n++;
            }
        }
        return n;
    }

    String text() {
        return String.join("\n", pages);
    }

    /** The text with every run of white space as one space: a table cell wraps long values anywhere. */
    String flatText() {
        return text().replaceAll("\\s+", " ");
    }

    /** The text without any white space, for long unbroken values such as a sha256 wrapped in a narrow cell. */
    String compactText() {
        return text().replaceAll("\\s+", "");
    }

    int images() {
        return imagesPerPage.stream().mapToInt(Integer::intValue).sum();
    }

    /** Kept under target/reports for a person to render and look at (e.g. pdftoppm); tests never need it. */
    static void keep(byte[] pdf, String name) {
        try {
            Path dir = Path.of("target", "reports");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name), pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package com.ivpstudio.reports;

import com.ivpstudio.closeness.ComparisonWording;
import com.ivpstudio.closeness.Words;
import com.ivpstudio.inference.Comparison;
import com.ivpstudio.language.UserFormats;
import com.ivpstudio.progress.ProgressPoint;
import com.ivpstudio.progress.ProgressTimeline;
import com.ivpstudio.progress.ViewProgress;
import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongFunction;

/**
 * Lays out a case report on A4 with OpenPDF. Every page carries the "Simulated — not a diagnostic image" notice in
 * its header, and every simulated image carries it in its caption. The document information names the report and
 * the clinician only: never the patient's name.
 */
final class CaseReportPdf {

    private static final Color NOTICE = new Color(0xC6, 0x6A, 0x0E);
    private static final Color MUTED = new Color(0x55, 0x5B, 0x66);
    private static final String[] REGULAR = {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/dejavu/DejaVuSans.ttf"};
    private static final String[] BOLD = {"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
            "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"};

    private final CaseReportContent r;
    private final Words words;
    private final LongFunction<byte[]> thumbnails;
    private final ComparisonWording wording;
    private final Font title;
    private final Font heading;
    private final Font body;
    private final Font strong;
    private final Font small;
    private final Font noticeFont;

    private CaseReportPdf(CaseReportContent r, Words words, LongFunction<byte[]> thumbnails)
            throws IOException {
        this.r = r;
        this.words = words;
        this.thumbnails = thumbnails;
        this.wording = new ComparisonWording(words, r.locale());
        BaseFont regular = font(REGULAR, BaseFont.HELVETICA);
        BaseFont bold = font(BOLD, BaseFont.HELVETICA_BOLD);
        title = new Font(bold, 18);
        heading = new Font(bold, 12);
        body = new Font(regular, 9.5f);
        strong = new Font(bold, 9.5f);
        small = new Font(regular, 7.5f, Font.NORMAL, MUTED);
        noticeFont = new Font(bold, 9, Font.NORMAL, NOTICE);
    }

    /** @param thumbnails a stored photo's thumbnail by its id (the progress section's real photos) */
    static byte[] write(CaseReportContent content, Words words, LongFunction<byte[]> thumbnails) {
        try {
            return new CaseReportPdf(content, words, thumbnails).write();
        } catch (DocumentException | IOException e) {
            throw new IllegalStateException("The case report could not be written", e);
        }
    }

    private String t(String key, Object... params) {
        return words.get(key, params);
    }

    private byte[] write() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 40, 40, 56, 48);
        PdfWriter writer = PdfWriter.getInstance(doc, out);
        writer.setPageEvent(new NoticeOnEveryPage());
        // The document information: what it is and who made it. The patient code is pseudonymous; the name never.
        doc.addTitle(t("reports.title") + " " + r.patientCode());
        doc.addAuthor(r.clinician());
        doc.addCreator("IVP Studio");
        doc.open();
        doc.add(new Paragraph(t("reports.title"), title));
        doc.add(factsAndFront());
        doc.add(noticeBox());
        doc.add(heading(r.imagesTitle()));
        doc.add(images());
        if (r.images().stream().anyMatch(i -> i.comparison() != null) || r.progress() != null) {
            doc.add(smallPrint(wording.explanation()));
        }
        if (r.progress() != null) {
            doc.newPage();
            progress(doc, r.progress());
        }
        doc.close();
        return out.toByteArray();
    }

    /** The facts on the left, the input front photo (if any) on the right. */
    private PdfPTable factsAndFront() throws IOException {
        PdfPTable t = new PdfPTable(new float[] {3, 2});
        t.setWidthPercentage(100);
        t.setSpacingBefore(8);
        PdfPCell facts = cell(null);
        facts.addElement(facts());
        t.addCell(facts);
        if (r.front() == null) {
            t.addCell(cell(null));
            return t;
        }
        PdfPCell front = imageCell(r.front());
        front.addElement(new Phrase(t("reports.front") + " · " + r.frontCaption(), small));
        t.addCell(front);
        return t;
    }

    private PdfPTable facts() {
        PdfPTable t = new PdfPTable(new float[] {1.4f, 2.6f});
        t.setWidthPercentage(100);
        fact(t, t("reports.fact.patient-code"), r.patientCode());
        if (r.displayName() != null) {
            fact(t, t("reports.fact.name"), r.displayName());
        }
        fact(t, t("reports.fact.date"), UserFormats.date(r.date(), r.locale()));
        fact(t, t("reports.fact.clinician"), r.clinician());
        fact(t, t("reports.fact.model"), r.modelName() + " " + r.modelVersion());
        PdfPCell sha = cell(new Phrase(r.modelSha256(), small));
        PdfPCell shaLabel = cell(new Phrase(t("reports.fact.fingerprint"), strong));
        t.addCell(shaLabel);
        t.addCell(sha);
        String seeds = r.seeds().isEmpty() ? "–" : r.seeds();
        fact(t, t("reports.fact.settings"), r.alphas().isEmpty() ? t("reports.settings", seeds, r.psis())
                : t("reports.settings.alpha", seeds, r.psis(), r.alphas()));
        PdfPCell help = cell(new Phrase(t("reports.settings.help"), small));
        help.setColspan(2);
        t.addCell(help);
        return t;
    }

    private void fact(PdfPTable t, String label, String value) {
        t.addCell(cell(new Phrase(label, strong)));
        t.addCell(cell(new Phrase(value, body)));
    }

    private Element noticeBox() {
        PdfPTable box = new PdfPTable(1);
        box.setWidthPercentage(100);
        box.setSpacingBefore(8);
        box.setSpacingAfter(4);
        PdfPCell c = new PdfPCell();
        c.setBorderColor(NOTICE);
        c.setBorderWidth(1.5f);
        c.setPadding(6);
        c.addElement(new Paragraph(t("reports.notice"), new Font(noticeFont.getBaseFont(), 11, Font.NORMAL, NOTICE)));
        c.addElement(new Paragraph(t("reports.notice.text"), body));
        box.addCell(c);
        return box;
    }

    private Paragraph heading(String text) {
        Paragraph p = new Paragraph(text, heading);
        p.setSpacingBefore(10);
        p.setSpacingAfter(4);
        return p;
    }

    private Paragraph smallPrint(String text) {
        Paragraph p = new Paragraph(text, small);
        p.setSpacingBefore(6);
        return p;
    }

    /**
     * Four images to a row: with real photos, two views per row, each as its prediction and the real photo with how
     * close they are; without, four simulated images.
     */
    private PdfPTable images() throws IOException {
        boolean withReal = r.images().stream().anyMatch(i -> i.real() != null);
        PdfPTable t = table(4);
        if (withReal) {
            t.setHeaderRows(1);
            for (int i = 0; i < 2; i++) {
                t.addCell(cell(new Phrase(t("reports.column.predicted"), strong)));
                t.addCell(cell(new Phrase(t("reports.column.real"), strong)));
            }
        }
        for (ReportImage i : r.images()) {
            t.addCell(simulated(i.simulatedPng(), i.label()));
            if (!withReal) {
                continue;
            }
            if (i.real() == null) {
                t.addCell(cell(new Phrase(t("reports.no-real"), small)));
                continue;
            }
            PdfPCell real = real(i.real(), i.realCaption());
            real.addElement(closenessParagraph(i.comparison(), null));
            t.addCell(real);
        }
        t.completeRow();
        return t;
    }

    /** A table of equal columns whose padding cells (completing a row) stay invisible. */
    private static PdfPTable table(int columns) {
        PdfPTable t = new PdfPTable(columns);
        t.setWidthPercentage(100);
        t.getDefaultCell().setBorder(Rectangle.NO_BORDER);
        return t;
    }

    private void progress(Document doc, ProgressTimeline p) throws IOException {
        doc.add(new Paragraph(t("progress.title"), title));
        doc.add(new Paragraph(t("progress.intro", UserFormats.date(p.input().capturedOn(), r.locale())), body));
        for (ViewProgress v : p.views()) {
            // five to a row: the prediction and four visits
            PdfPTable t = table(5);
            t.setKeepTogether(true);
            t.setSpacingBefore(8);
            PdfPCell title = cell(new Phrase(t("progress.view." + v.view().manifestName()), heading));
            title.setColspan(5);
            t.addCell(title);
            t.addCell(simulated(v.predicted().png(), t("progress.predicted",
                    UserFormats.date(p.input().capturedOn(), r.locale()))));
            for (ProgressPoint point : v.points()) {
                PdfPCell c = real(thumbnails.apply(point.actual().id()), point.actual().label() + " · "
                        + UserFormats.date(point.actual().capturedOn(), r.locale()));
                c.addElement(closenessParagraph(point.predicted(), t("progress.vs-predicted")));
                t.addCell(c);
            }
            if (v.points().isEmpty()) {
                t.addCell(cell(new Phrase(t("progress.no-real"), small)));
            }
            t.completeRow();
            doc.add(t);
        }
        doc.add(smallPrint(wording.explanation()));
    }

    private PdfPCell simulated(byte[] png, String label) throws IOException {
        PdfPCell c = imageCell(png);
        c.addElement(new Phrase(label, body));
        Paragraph mark = new Paragraph(t("reports.notice"), noticeFont);
        c.addElement(mark);
        return c;
    }

    private PdfPCell real(byte[] bytes, String caption) throws IOException {
        PdfPCell c = imageCell(bytes);
        c.addElement(new Phrase(t("reports.real") + " · " + caption, body));
        return c;
    }

    private PdfPCell imageCell(byte[] bytes) throws IOException {
        PdfPCell c = new PdfPCell();
        c.setBorder(Rectangle.NO_BORDER);
        c.setPadding(3);
        Image img = Image.getInstance(bytes);
        img.setWidthPercentage(100);
        c.addElement(img);
        return c;
    }

    private Paragraph closenessParagraph(Comparison comparison, String prefix) {
        Paragraph p = new Paragraph();
        if (comparison == null) {
            p.add(new Chunk(t("reports.closeness.unknown"), small));
            return p;
        }
        p.add(new Chunk((prefix == null ? "" : prefix + " ") + wording.verdict(comparison), strong));
        p.add(Chunk.NEWLINE);
        p.add(new Chunk(wording.numbers(comparison), small));
        p.setLeading(11);
        return p;
    }

    private static PdfPCell cell(Phrase phrase) {
        PdfPCell c = phrase == null ? new PdfPCell() : new PdfPCell(phrase);
        c.setBorder(Rectangle.NO_BORDER);
        c.setPadding(3);
        return c;
    }

    private static BaseFont font(String[] files, String fallback) throws IOException {
        // DejaVu has ψ, α, the dash and the umlauts; Helvetica (no ψ or α) only where DejaVu is not installed.
        for (String file : files) {
            if (Files.isRegularFile(Path.of(file))) {
                return BaseFont.createFont(file, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
            }
        }
        return BaseFont.createFont(fallback, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
    }

    /** The notice and the patient code at the top of every page, the page number at the bottom. */
    private final class NoticeOnEveryPage extends PdfPageEventHelper {

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            PdfContentByte canvas = writer.getDirectContent();
            Rectangle page = document.getPageSize();
            float top = page.getTop() - 30;
            ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT,
                    new Phrase("IVP Studio · " + t("reports.title") + " · " + r.patientCode(), small),
                    document.left(), top, 0);
            ColumnText.showTextAligned(canvas, Element.ALIGN_RIGHT, new Phrase(t("reports.notice"), noticeFont),
                    document.right(), top, 0);
            canvas.setColorStroke(NOTICE);
            canvas.setLineWidth(0.8f);
            canvas.moveTo(document.left(), top - 5);
            canvas.lineTo(document.right(), top - 5);
            canvas.stroke();
            ColumnText.showTextAligned(canvas, Element.ALIGN_CENTER,
                    new Phrase(t("reports.page", writer.getPageNumber()), small),
                    (document.left() + document.right()) / 2, page.getBottom() + 24, 0);
        }
    }
}

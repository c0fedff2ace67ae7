package com.ivpstudio.meetings.minutes;

import com.ivpstudio.meetings.MeetingComment;
import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The minutes as an A4 PDF (OpenPDF): the same content as the HTML, thumbnails with their "Simulated" mark. */
class MinutesPdf {

    private static final Color SIMULATED = new Color(0xD4, 0x6A, 0x0B);
    private static final String DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    private static final String DEJAVU_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    private final MinutesText text;

    MinutesPdf(Words words, Locale locale) {
        this.text = new MinutesText(words, locale);
    }

    byte[] document(Minutes m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 40, 40, 40, 40);
        try {
            PdfWriter.getInstance(doc, out);
            doc.addTitle(text.heading(m));
            doc.open();
            BaseFont regular = font(DEJAVU, BaseFont.HELVETICA);
            BaseFont bold = font(DEJAVU_BOLD, BaseFont.HELVETICA_BOLD);
            Font title = new Font(bold, 16);
            Font heading = new Font(bold, 12);
            Font body = new Font(regular, 10);
            Font small = new Font(regular, 8, Font.NORMAL, Color.DARK_GRAY);
            Font badge = new Font(bold, 8, Font.NORMAL, Color.WHITE);

            doc.add(new Paragraph(text.heading(m), title));
            doc.add(new Paragraph(text.facts(m), body));
            doc.add(section(text.word("meetings.minutes.attendance"), heading));
            doc.add(new Paragraph(text.attendance(m), body));
            doc.add(section(text.word("meetings.agenda"), heading));
            for (Minutes.Case c : m.cases()) {
                doc.add(new Paragraph(text.caseTitle(c.item()), new Font(bold, 10)));
                doc.add(new Paragraph(text.decision(c.item()), body));
                for (MeetingComment comment : c.comments()) {
                    Paragraph p = new Paragraph(comment.author() + " (" + text.time(comment.createdAt()) + "): "
                            + comment.body(), body);
                    p.setIndentationLeft(12);
                    doc.add(p);
                }
            }
            doc.add(section(text.word("meetings.minutes.shown"), heading));
            if (m.shown().isEmpty()) {
                doc.add(new Paragraph(text.word("meetings.minutes.none-shown"), body));
            } else {
                doc.add(shownTable(m, body, small, badge));
            }
            doc.add(new Paragraph(text.word("meetings.minutes.disclaimer"), small));
            doc.close();
        } catch (DocumentException | IOException e) {
            throw new IllegalStateException("The minutes could not be written", e);
        }
        return out.toByteArray();
    }

    private PdfPTable shownTable(Minutes m, Font body, Font small, Font badge) throws IOException {
        PdfPTable table = new PdfPTable(3);
        table.setWidthPercentage(100);
        for (Minutes.Shown s : m.shown()) {
            PdfPCell cell = new PdfPCell();
            cell.setBorderColor(Color.LIGHT_GRAY);
            cell.setPadding(4);
            if (s.thumbnailPng() != null) {
                Image img = Image.getInstance(s.thumbnailPng());
                img.scaleToFit(150, 150);
                cell.addElement(img);
            }
            Chunk mark = new Chunk(" " + text.word("meetings.stage.simulated") + " ", badge);
            mark.setBackground(SIMULATED);
            Paragraph caption = new Paragraph();
            caption.add(mark);
            caption.add(new Chunk(" " + s.patientCode() + " · " + s.title(), body));
            cell.addElement(caption);
            cell.addElement(new Paragraph(text.provenance(s), small));
            table.addCell(cell);
        }
        table.completeRow();
        return table;
    }

    private static Paragraph section(String title, Font font) {
        Paragraph p = new Paragraph(title, font);
        p.setSpacingBefore(10);
        p.setSpacingAfter(4);
        return p;
    }

    private static BaseFont font(String file, String fallback) {
        try {
            // DejaVu writes α, ä, ß and the arrows; Helvetica is the fallback where it is missing.
            if (Files.isRegularFile(Path.of(file))) {
                return BaseFont.createFont(file, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
            }
            return BaseFont.createFont(fallback, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

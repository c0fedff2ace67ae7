package com.ivpstudio.sharing;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The printable patient handout (OpenPDF, A4): the views, the progression as a row of frames, the notice, the
 * clinician's message and the link's QR code. Like the page, it names no patient.
 */
final class PatientHandout {

    static final int PROGRESSION_FRAMES = 5;
    private static final Color NOTICE = new Color(0xC6, 0x6A, 0x0E);
    private static final String DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    private static final String DEJAVU_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    private PatientHandout() {
    }

    static byte[] pdf(ShareLink link, SharedContent content, SharingSettings practice, Optional<String> patientCode,
            String url, PatientText t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 36, 36, 36, 36);
        try {
            PdfWriter.getInstance(doc, out);
            doc.open();
            BaseFont regular = font(DEJAVU, BaseFont.HELVETICA);
            BaseFont bold = font(DEJAVU_BOLD, BaseFont.HELVETICA_BOLD);
            Font title = new Font(bold, 18);
            Font heading = new Font(bold, 12);
            Font body = new Font(regular, 10);
            Font small = new Font(regular, 8, Font.NORMAL, Color.DARK_GRAY);
            Font notice = new Font(bold, 11, Font.NORMAL, Color.WHITE);

            doc.add(new Paragraph(link.title() == null ? t.get("sharing.patient.default-title") : link.title(), title));
            if (!practice.practiceName().isEmpty()) {
                doc.add(new Paragraph(practice.practiceName() + (practice.practiceContact().isEmpty() ? ""
                        : " · " + practice.practiceContact()), body));
            }
            patientCode.ifPresent(c -> doc.add(new Paragraph(t.get("sharing.patient.code", c), small)));
            Chunk n = new Chunk(" " + t.get("sharing.patient.notice") + " ", notice);
            n.setBackground(NOTICE);
            Paragraph noticeLine = new Paragraph(n);
            noticeLine.setSpacingBefore(8);
            noticeLine.setSpacingAfter(8);
            doc.add(noticeLine);
            if (link.message() != null) {
                doc.add(new Paragraph(link.message(), body));
            }
            for (SharedSection section : content.sections()) {
                Paragraph h = new Paragraph(t.heading(section.kind()), heading);
                h.setSpacingBefore(10);
                h.setSpacingAfter(4);
                doc.add(h);
                if (section.borrowedDirection()) {
                    doc.add(new Paragraph(t.get("sharing.patient.nudge-caution"), small));
                }
                if (section.kind() == com.ivpstudio.snapshots.SnapshotKind.STRIP) {
                    List<Labelled> steps = progression(section, t);
                    doc.add(row(steps, small, steps.size()));
                    doc.add(new Paragraph(t.get("sharing.handout.last-step"), small));
                    List<Labelled> last = labelled(section.frames().get(section.frames().size() - 1), t);
                    doc.add(row(last, small, last.size()));
                } else {
                    List<Labelled> all = new ArrayList<>();
                    section.frames().forEach(f -> all.addAll(labelled(f, t)));
                    // Four to a row keeps views, progression and the QR code on one printed page.
                    doc.add(row(all, small, Math.min(4, all.size())));
                }
            }
            PdfPTable qr = new PdfPTable(new float[] {1, 3});
            qr.setWidthPercentage(100);
            qr.setSpacingBefore(14);
            PdfPCell code = new PdfPCell(Image.getInstance(QrCode.png(url, 300)), true);
            code.setBorder(0);
            qr.addCell(code);
            PdfPCell text = new PdfPCell();
            text.setBorder(0);
            text.setVerticalAlignment(Element.ALIGN_MIDDLE);
            text.addElement(new Paragraph(t.get("sharing.handout.scan"), body));
            text.addElement(new Paragraph(t.get(link.hasPasscode() ? "sharing.handout.until-passcode"
                    : "sharing.handout.until", t.day(link.expiresAt())), small));
            text.addElement(new Paragraph(t.get("sharing.patient.notice") + ".", small));
            qr.addCell(text);
            doc.add(qr);
            doc.close();
        } catch (DocumentException | IOException e) {
            throw new IllegalStateException("The handout could not be written", e);
        }
        return out.toByteArray();
    }

    private record Labelled(SharedImage image, String caption) {
    }

    private static List<Labelled> labelled(SharedSection.Frame frame, PatientText t) {
        return frame.images().stream().map(i -> new Labelled(i, i.generated()
                ? t.get("sharing.handout.simulated-caption", t.view(i)) : t.view(i))).toList();
    }

    /** Up to {@link #PROGRESSION_FRAMES} steps, evenly spread from first to last, of the strip's first view. */
    private static List<Labelled> progression(SharedSection section, PatientText t) {
        List<SharedSection.Frame> frames = section.frames();
        int count = Math.min(PROGRESSION_FRAMES, frames.size());
        List<Labelled> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int at = count == 1 ? 0 : Math.round(k * (frames.size() - 1) / (float) (count - 1));
            SharedSection.Frame f = frames.get(at);
            SharedImage first = f.images().get(0);
            out.add(new Labelled(first, (f.label().isEmpty() ? t.get("sharing.handout.step", at + 1) : f.label()) + " · "
                    + t.view(first)));
        }
        return out;
    }

    private static PdfPTable row(List<Labelled> images, Font font, int columns) throws IOException {
        PdfPTable t = new PdfPTable(columns);
        t.setWidthPercentage(100);
        for (Labelled l : images) {
            PdfPCell c = new PdfPCell();
            c.setBorder(0);
            c.setPadding(3);
            c.addElement(Image.getInstance(l.image().bytes()));
            c.addElement(new Phrase(l.caption(), font));
            t.addCell(c);
        }
        t.completeRow();
        return t;
    }

    private static BaseFont font(String file, String fallback) throws IOException {
        // DejaVu has α, ψ and the arrows of the step labels; Helvetica is the fallback where it is missing.
        if (Files.isRegularFile(Path.of(file))) {
            return BaseFont.createFont(file, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
        }
        return BaseFont.createFont(fallback, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
    }
}

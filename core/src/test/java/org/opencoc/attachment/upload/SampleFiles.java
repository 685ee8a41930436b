package org.opencoc.attachment.upload;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

/**
 * Real, small files of every allowed type, generated at test time (nothing binary is committed): a PNG
 * and a JPEG written by {@link ImageIO}, a hand-written PDF with a correct cross-reference table, a
 * WordprocessingML package (DOCX) and UTF-8 text, plus near misses (a plain ZIP, binary noise).
 */
public final class SampleFiles {

    /** Text with non-ASCII characters in several scripts, as a log or note would have. */
    public static final String TEXT = "Incident 4711: Grüße aus Zürich, température élevée, 東京リージョン — ok\n";

    private SampleFiles() {
    }

    /** A 16x16 PNG. */
    public static byte[] png() {
        return image("png");
    }

    /** A 16x16 baseline JPEG. */
    public static byte[] jpeg() {
        return image("jpeg");
    }

    /** A one-page PDF 1.4 with a catalog, a page tree, one page, an xref table with exact offsets and a trailer. */
    public static byte[] pdf() {
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>");
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append('\n');
        pdf.append("0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\n");
        pdf.append("startxref\n").append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A minimal Word document: {@code [Content_Types].xml}, {@code _rels/.rels} and one paragraph in {@code word/document.xml}. */
    public static byte[] docx() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                  <Default Extension="xml" ContentType="application/xml"/>
                  <Override PartName="/word/document.xml" \
                ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
                </Types>
                """);
        parts.put("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                  <Relationship Id="rId1" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
                Target="word/document.xml"/>
                </Relationships>
                """);
        parts.put("word/document.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
                  <w:body>
                    <w:p><w:r><w:t>Root cause: disk full on node-7.</w:t></w:r></w:p>
                  </w:body>
                </w:document>
                """);
        return zip(parts);
    }

    /** A ZIP archive that is not a Word document (no {@code word/document.xml}). */
    public static byte[] plainZip() {
        return zip(Map.of("notes/readme.txt", "just a zip\n"));
    }

    /** {@link #TEXT} in UTF-8. */
    public static byte[] utf8Text() {
        return TEXT.getBytes(StandardCharsets.UTF_8);
    }

    /** 4 KiB of deterministic binary noise, starting with control bytes so it is never mistaken for text. */
    public static byte[] binaryNoise() {
        byte[] noise = new byte[4096];
        new Random(0x5EED).nextBytes(noise);
        noise[0] = 0x01;
        noise[1] = 0x02;
        noise[2] = 0x00;
        noise[3] = 0x7F;
        return noise;
    }

    private static byte[] image(String format) {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setColor(Color.ORANGE);
            graphics.fillRect(0, 0, 16, 16);
            graphics.setColor(Color.BLUE);
            graphics.drawLine(0, 0, 15, 15);
        } finally {
            graphics.dispose();
        }
        return encode(image, format);
    }

    /** {@code image} encoded with ImageIO as {@code format} ({@code png}, {@code jpeg}). */
    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The SHA-256 of {@code content}. */
    public static byte[] sha256(byte[] content) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(content);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    private static byte[] zip(Map<String, String> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}

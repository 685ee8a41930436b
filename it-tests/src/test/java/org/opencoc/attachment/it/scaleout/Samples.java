package org.opencoc.attachment.it.scaleout;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;


import org.opencoc.attachment.upload.SampleFiles;

/**
 * Distinct, deterministic files of every allowed type, so that each upload of a batch can be told apart
 * by its SHA-256: the index {@code i} goes into the pixels of an image, a PDF comment, the archive
 * comment of a DOCX, or the lines of a text.
 */
public final class Samples {

    /** One file to upload: its name and bytes, and the SHA-256 to expect back. */
    public record Sample(String name, byte[] content) {
        public String sha256() {
            return Samples.sha256Hex(content);
        }

        @Override
        public String toString() {
            return name + " (" + content.length + " bytes)";
        }
    }

    private Samples() {
    }

    /** File {@code i} of a mixed batch: PNG, JPEG, PDF, DOCX and TXT in turn. */
    public static Sample mixed(int i) {
        return switch (i % 5) {
            case 0 -> new Sample("screen-" + i + ".png", image(i, "png"));
            case 1 -> new Sample("photo-" + i + ".jpg", image(i, "jpeg"));
            case 2 -> new Sample("report-" + i + ".pdf", pdf(i));
            case 3 -> new Sample("postmortem-" + i + ".docx", docx(i));
            default -> new Sample("notes-" + i + ".txt", text(i, 64 * 1024 + i * 1024));
        };
    }

    /** UTF-8 log-like text of exactly {@code size} bytes, different for every {@code i}. */
    public static byte[] text(int i, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 128);
        for (int line = 0; out.size() < size; line++) {
            out.writeBytes(String.format("%06d upload %d: Incident 4711 Grüße aus Zürich, temperature %d.%d C\n",
                    line, i, (line * 31 + i) % 100, line % 10).getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = out.toByteArray();
        // cut on an ASCII byte so the text stays valid UTF-8
        int end = size;
        while ((bytes[end - 1] & 0x80) != 0) {
            bytes[--end] = ' ';
        }
        byte[] exact = new byte[size];
        System.arraycopy(bytes, 0, exact, 0, end);
        for (int k = end; k < size; k++) {
            exact[k] = '\n';
        }
        return exact;
    }

    /** A 16x16 image of format {@code png} or {@code jpeg}, its colour and one pixel set from {@code i}. */
    public static byte[] image(int i, String format) {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setColor(new Color((i * 53) % 256, (i * 97) % 256, (i * 193) % 256));
        graphics.fillRect(0, 0, 16, 16);
        graphics.dispose();
        image.setRGB(i % 16, (i / 16) % 16, 0xFFFFFF);
        return SampleFiles.encode(image, format);
    }

    /** The sample PDF followed by a PDF comment naming {@code i} (comments are valid anywhere). */
    public static byte[] pdf(int i) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SampleFiles.pdf());
        out.writeBytes(("%scale-out sample " + i + "\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** The sample Word document re-packed with an archive comment naming {@code i}. */
    public static byte[] docx(int i) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(SampleFiles.docx()));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(zip);
                zip.closeEntry();
            }
            zip.setComment("scale-out sample " + i);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String sha256Hex(byte[] content) {
        return HexFormat.of().formatHex(SampleFiles.sha256(content));
    }
}

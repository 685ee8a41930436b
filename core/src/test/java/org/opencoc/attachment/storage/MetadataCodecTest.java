package org.opencoc.attachment.storage;

import org.opencoc.attachment.upload.SampleFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.opencoc.attachment.model.AttachmentMetadata;
import org.opencoc.attachment.model.DocId;
import org.opencoc.attachment.model.FileName;
import org.opencoc.attachment.model.TicketType;

class MetadataCodecTest {

    private static final AttachmentMetadata METADATA = new AttachmentMetadata(
            DocId.parse("3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f"),
            FileName.of("Störungsbericht \"final\" 東京.pdf"),
            TicketType.INCIDENT,
            12_345,
            "application/pdf",
            SampleFiles.sha256("content".getBytes(StandardCharsets.UTF_8)),
            Instant.parse("2025-03-01T10:15:30.123456789Z"),
            "domain-1",
            "iam::domain-1:user:alice");

    @Test
    void jsonRoundTripKeepsEveryField() {
        assertThat(MetadataCodec.read(new ByteArrayInputStream(json(METADATA)))).isEqualTo(METADATA);
    }

    @Test
    void writesUtf8Json() {
        String json = new String(json(METADATA), StandardCharsets.UTF_8);

        assertThat(json).contains("\"doc_id\":\"3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f\"", "東京");
    }

    @Test
    void writeToAFullDiskThrowsTheIOExceptionNotAJsonException() throws IOException {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "needs Linux /dev/full, which answers every write with ENOSPC");

        try (OutputStream out = Files.newOutputStream(full, StandardOpenOption.WRITE)) {
            assertThatThrownBy(() -> MetadataCodec.write(METADATA, out))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("No space left on device");
        }
    }

    @Test
    void writeLeavesTheCallersStreamOpen() throws IOException {
        CloseTrackingStream out = new CloseTrackingStream();

        MetadataCodec.write(METADATA, out);

        assertThat(out.closed).isFalse();
        assertThat(MetadataCodec.read(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(METADATA);
    }

    @Test
    void readRejectsTruncatedDocument() {
        byte[] json = json(METADATA);
        byte[] truncated = java.util.Arrays.copyOf(json, json.length / 2);

        assertThatThrownBy(() -> MetadataCodec.read(new ByteArrayInputStream(truncated)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readRejectsTamperedDocId() {
        String tampered = new String(json(METADATA), StandardCharsets.UTF_8)
                .replace("3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f", "../../etc/passwd");

        assertThatThrownBy(() -> MetadataCodec.read(utf8(tampered))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readRejectsMissingField() {
        String json = "{\"doc_id\":\"3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f\",\"doc_name\":\"a.pdf\"}";

        assertThatThrownBy(() -> MetadataCodec.read(utf8(json))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readRejectsNonObject() {
        assertThatThrownBy(() -> MetadataCodec.read(utf8("[1, 2]"))).isInstanceOf(IllegalStateException.class);
    }

    private static byte[] json(AttachmentMetadata metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MetadataCodec.write(metadata, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static ByteArrayInputStream utf8(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    private static final class CloseTrackingStream extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}

package org.opencoc.attachment.web.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import org.opencoc.attachment.model.AttachmentMetadata;
import org.opencoc.attachment.model.DocId;
import org.opencoc.attachment.model.FileName;
import org.opencoc.attachment.model.TicketType;

class RepresentationHeadersTest {

    private static final String ID = "3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f";

    private final RepresentationHeaders.Memo memo = new RepresentationHeaders.Memo();

    @Test
    void formatsTheHeaderValuesOfTheAttachment() {
        RepresentationHeaders values = RepresentationHeaders.of(metadata(ID, "a b.txt", (byte) 0xab));

        assertThat(values.lastModified()).isEqualTo("Sat, 01 Mar 2025 10:15:30 GMT");
        assertThat(values.contentDisposition()).isEqualTo("attachment; filename=\"a b.txt\"; filename*=UTF-8''a%20b.txt");
        assertThat(values.reprDigest()).isEqualTo("sha-256=:q6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s=:");
        assertThat(values.representation().entityTag()).isEqualTo('"' + "ab".repeat(32) + '"');
    }

    @Test
    void theEntityTagIsTheQuotedLowerCaseHexOfTheSha256() {
        byte[] sha256 = HexFormat.of().parseHex("5f16f4c7f149ac4f9510d9cf8cf384038ad348b3bcdc01915f95de12df9d1b02");
        AttachmentMetadata attachment = new AttachmentMetadata(DocId.parse(ID), FileName.of("a.txt"),
                TicketType.INCIDENT, 3, "text/plain", sha256, Instant.parse("2025-03-01T10:15:30Z"), "domain-1",
                "iam::domain-1:user:alice");

        assertThat(RepresentationHeaders.entityTag(attachment))
                .isEqualTo("\"5f16f4c7f149ac4f9510d9cf8cf384038ad348b3bcdc01915f95de12df9d1b02\"");
        assertThat(RepresentationHeaders.of(attachment).representation().entityTag())
                .isEqualTo(RepresentationHeaders.entityTag(attachment));
    }

    @Test
    void theSameMetadataInstanceGetsTheValuesMadeForItAgain() {
        AttachmentMetadata attachment = metadata(ID, "a.txt", (byte) 1);

        assertThat(memo.of(attachment)).isSameAs(memo.of(attachment));
    }

    @Test
    void anotherInstanceWithTheSameIdGetsItsOwnValues() {
        memo.of(metadata(ID, "first.txt", (byte) 1));

        RepresentationHeaders second = memo.of(metadata(ID, "second.txt", (byte) 2));

        assertThat(second.contentDisposition()).contains("second.txt");
        assertThat(second.representation().entityTag()).isEqualTo('"' + "02".repeat(32) + '"');
    }

    @Test
    void anAttachmentWhoseIdSharesTheSlotNeverGetsTheOtherOnesValues() {
        AttachmentMetadata first = metadata(ID, "first.txt", (byte) 1);
        AttachmentMetadata colliding = metadata(collidingId(first.docId()), "other.txt", (byte) 2);
        memo.of(first);

        assertThat(memo.of(colliding).source()).isSameAs(colliding);
    }

    /** Another canonical doc_id that falls into the slot of {@code id}. */
    private static String collidingId(DocId id) {
        int slot = id.hashCode() & (RepresentationHeaders.Memo.SLOTS - 1);
        for (int i = 0; ; i++) {
            String candidate = String.format("3f2a9c1e-7b4d-4e8a-9c2f-%012x", i);
            DocId other = DocId.parse(candidate);
            if (!other.equals(id) && (other.hashCode() & (RepresentationHeaders.Memo.SLOTS - 1)) == slot) {
                return candidate;
            }
        }
    }

    private static AttachmentMetadata metadata(String id, String name, byte hashByte) {
        byte[] sha256 = new byte[32];
        Arrays.fill(sha256, hashByte);
        return new AttachmentMetadata(DocId.parse(id), FileName.of(name), TicketType.INCIDENT, 3, "text/plain", sha256,
                Instant.parse("2025-03-01T10:15:30Z"), "domain-1", "iam::domain-1:user:alice");
    }
}

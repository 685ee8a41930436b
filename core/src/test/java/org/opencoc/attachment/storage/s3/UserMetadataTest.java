package org.opencoc.attachment.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opencoc.attachment.model.AttachmentMetadata;
import org.opencoc.attachment.model.DocId;
import org.opencoc.attachment.model.FileName;
import org.opencoc.attachment.model.TicketType;
import org.opencoc.attachment.storage.MetadataFields;
import org.opencoc.attachment.upload.SampleFiles;

class UserMetadataTest {

    private static final AttachmentMetadata METADATA = new AttachmentMetadata(
            DocId.parse("3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f"),
            FileName.of("Störungsbericht \"final\" 東京.pdf"),
            TicketType.INCIDENT,
            12_345,
            "application/pdf",
            SampleFiles.sha256("content".getBytes(StandardCharsets.UTF_8)),
            Instant.parse("2025-03-01T10:15:30.123456789Z"),
            "domain-1",
            "iam::domain-1:user:José");

    @Test
    void roundTripKeepsEveryField() {
        assertThat(UserMetadata.decode(UserMetadata.encode(METADATA))).isEqualTo(METADATA);
    }

    @Test
    void encodesAsciiValuesUnderDashedKeys() {
        Map<String, String> encoded = UserMetadata.encode(METADATA);

        assertThat(encoded).containsOnlyKeys("doc-id", "doc-name", "ticket-type", "size", "content-type",
                "sha256", "created-at", "domain-id", "uploader");
        assertThat(String.join("", encoded.values())).matches("\\p{ASCII}*");
        assertThat(encoded.get("doc-name")).startsWith("St%C3%B6rungsbericht%20%22final%22%20");
    }

    @Test
    void decodesKeysInAnyCaseWithDashOrUnderscore() {
        Map<String, String> returned = new HashMap<>();
        UserMetadata.encode(METADATA).forEach((key, value) ->
                returned.put(key.toUpperCase(Locale.ROOT).replace('-', '_'), value));

        assertThat(UserMetadata.decode(returned)).isEqualTo(METADATA);
    }

    @Test
    void rejectsMissingKey() {
        Map<String, String> map = new HashMap<>(UserMetadata.encode(METADATA));
        map.remove(UserMetadata.key(MetadataFields.SHA256));

        assertThatThrownBy(() -> UserMetadata.decode(map)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsNonNumericSize() {
        Map<String, String> map = new HashMap<>(UserMetadata.encode(METADATA));
        map.put(UserMetadata.key(MetadataFields.SIZE), "large");

        assertThatThrownBy(() -> UserMetadata.decode(map)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsTamperedDocId() {
        Map<String, String> map = new HashMap<>(UserMetadata.encode(METADATA));
        map.put(UserMetadata.key(MetadataFields.DOC_ID), UserMetadata.percentEncode("../../etc/passwd"));

        assertThatThrownBy(() -> UserMetadata.decode(map)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsBrokenPercentEncoding() {
        for (String damaged : new String[] {"%4", "%zz", "é", "%C3"}) {
            Map<String, String> map = new HashMap<>(UserMetadata.encode(METADATA));
            map.put(UserMetadata.key(MetadataFields.DOC_NAME), damaged);

            assertThatThrownBy(() -> UserMetadata.decode(map)).as(damaged)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Damaged attachment metadata");
        }
    }

    @Test
    void refusesMetadataOverTheS3Limit() {
        // the longest file name, 255 bytes of UTF-8, is 765 characters percent-encoded; a long uploader
        // URN takes the rest past 2 KiB
        AttachmentMetadata large = new AttachmentMetadata(METADATA.docId(), FileName.of("東".repeat(85)),
                METADATA.ticketType(), METADATA.size(), METADATA.contentType(), METADATA.sha256(),
                METADATA.createdAt(), METADATA.domainId(), "iam::domain-1:user:" + "a".repeat(1200));

        assertThatThrownBy(() -> UserMetadata.encode(large))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit of " + UserMetadata.MAX_BYTES);
    }
}

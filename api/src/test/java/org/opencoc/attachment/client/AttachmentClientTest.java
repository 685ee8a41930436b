package org.opencoc.attachment.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What the client refuses before it sends anything. */
class AttachmentClientTest {

    private final AttachmentClient client = AttachmentClient.builder(URI.create("http://127.0.0.1:1"))
            .retry(RetryPolicy.NONE).build();

    @ParameterizedTest
    @ValueSource(strings = {"../../v1/incident/attachments", "0F8FAD5B-D9CB-469F-A165-70867728950E",
        "0f8fad5b-d9cb-469f-a165-70867728950e/../x", "0f8fad5b-d9cb-469f-a165-70867728950e?x=1", ""})
    void docIdThatIsNotALowerCaseUuidNeverReachesTheUrl(String docId) {
        ClientException refused = assertThrows(ClientException.class, () -> client.head(docId));

        assertThat(refused.kind()).isEqualTo(ClientException.Kind.REFUSED_LOCALLY);
        assertThat(refused.status()).isEqualTo(-1);
    }

    @Test
    void downloadOfABadDocIdWritesNothing(@org.junit.jupiter.api.io.TempDir Path dir) {
        assertThrows(ClientException.class, () -> client.download("nope", dir.resolve("x"), TransferListener.NONE));

        assertThat(dir).isEmptyDirectory();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1", "file:///etc/passwd", "127.0.0.1:8080"})
    void endpointMustBeHttp(String endpoint) {
        assertThrows(IllegalArgumentException.class, () -> AttachmentClient.builder(URI.create(endpoint)));
    }

    @Test
    void collectionIsUnderTheEndpointPath() {
        assertThat(AttachmentClient.builder(URI.create("https://coc.example/base")).build().collection())
                .hasToString("https://coc.example/base/v1/incident/attachments");
    }
}

package org.opencoc.attachment.web.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.Test;

class ClientDisconnectsTest {

    @Test
    void recognisesAClosedConnectionWrappedByJersey() {
        var thrown = new IllegalStateException(new UncheckedIOException(new IOException("Connection is closed")));

        assertThat(ClientDisconnects.causedByResponseIo(thrown)).isTrue();
    }

    @Test
    void keepsFailuresThatAreNotIo() {
        assertThat(ClientDisconnects.causedByResponseIo(new IllegalStateException("mapper failed"))).isFalse();
    }

    @Test
    void keepsRecordsWithoutAThrowable() {
        assertThat(ClientDisconnects.causedByResponseIo(null)).isFalse();
    }
}

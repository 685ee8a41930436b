package org.opencoc.attachment.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class RequestIdTest {

    @Test
    void createsVersion4UuidsThatDoNotRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestId.acceptOrCreate(null);
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void keepsASafeClientId() {
        assertThat(RequestId.acceptOrCreate("abc-123_x.y")).isEqualTo("abc-123_x.y");
    }

    @Test
    void replacesAnUnsafeClientId() {
        assertThat(RequestId.acceptOrCreate("a b")).isNotEqualTo("a b").matches("[0-9a-f-]{36}");
    }
}

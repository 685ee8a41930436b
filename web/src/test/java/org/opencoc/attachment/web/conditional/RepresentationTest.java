package org.opencoc.attachment.web.conditional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepresentationTest {

    private static final Instant LAST_MODIFIED = Instant.parse("2024-03-01T12:00:00.750Z");

    @Test
    void truncatesLastModifiedToSeconds() {
        Representation representation = new Representation("\"sha256-ab\"", LAST_MODIFIED, 1);

        assertThat(representation.lastModified()).isEqualTo(Instant.parse("2024-03-01T12:00:00Z"));
        assertThat(representation.lastModifiedHeader()).isEqualTo("Fri, 01 Mar 2024 12:00:00 GMT");
    }

    @Test
    void acceptsEmptyOpaqueTag() {
        assertThat(new Representation("\"\"", LAST_MODIFIED, 0).entityTag()).isEqualTo("\"\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha256-ab", "W/\"sha256-ab\"", "\"sha256-ab", "\"sha\"256\"", "\"sha 256\"", "\""})
    void rejectsEntityTagThatIsNotStrong(String entityTag) {
        assertThatThrownBy(() -> new Representation(entityTag, LAST_MODIFIED, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNegativeLength() {
        assertThatThrownBy(() -> new Representation("\"sha256-ab\"", LAST_MODIFIED, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

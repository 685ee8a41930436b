package org.opencoc.attachment.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.error.ErrorCode;

class TicketTypeTest {

    @Test
    void acceptsIncident() {
        assertThat(TicketType.parse("incident")).isEqualTo(TicketType.INCIDENT);
    }

    @Test
    void pathValueRoundTrips() {
        assertThat(TicketType.parse(TicketType.INCIDENT.pathValue())).isEqualTo(TicketType.INCIDENT);
    }

    @Test
    void rejectsCapitalizedIncident() {
        assertInvalid("Incident");
    }

    @Test
    void rejectsEnumConstantName() {
        assertInvalid("INCIDENT");
    }

    @Test
    void rejectsOtherTicketType() {
        assertInvalid("problem");
    }

    @Test
    void rejectsEmpty() {
        assertInvalid("");
    }

    @Test
    void rejectsNull() {
        assertInvalid(null);
    }

    private static void assertInvalid(String value) {
        assertThatThrownBy(() -> TicketType.parse(value))
                .isInstanceOfSatisfying(AttachmentException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER));
    }
}

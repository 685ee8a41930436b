package org.opencoc.attachment.model;

import org.opencoc.attachment.error.AttachmentException;

/** The ticket types that carry attachments; the API accepts exactly these path values. */
public enum TicketType {
    /** Incident tickets: {@code /v1/incident/attachments}. */
    INCIDENT("incident");

    private final String pathValue;

    TicketType(String pathValue) {
        this.pathValue = pathValue;
    }

    /** The value as it appears in the path and in metadata. */
    public String pathValue() {
        return pathValue;
    }

    /** Parses the path value, exact and case-sensitive; anything else is a parameter error. */
    public static TicketType parse(String value) {
        for (TicketType type : values()) {
            if (type.pathValue.equals(value)) {
                return type;
            }
        }
        throw AttachmentException.invalidParameter("ticket_type must be 'incident'.");
    }
}

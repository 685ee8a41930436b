package org.opencoc.attachment.request;

/**
 * The names of the API's path parameters ({@code /v1/{ticket_type}/attachments/{doc_id}}), shared by
 * the resources that declare them ({@code @PathParam}) and the IAM filters that read them before the
 * resource method runs (the {@code g:TicketType} condition, the audit line's {@code doc_id}).
 */
public final class PathParameters {

    /** The ticket type, a {@link org.opencoc.attachment.model.TicketType#pathValue()}. */
    public static final String TICKET_TYPE = "ticket_type";

    /** The attachment id, a {@link org.opencoc.attachment.model.DocId}. */
    public static final String DOC_ID = "doc_id";

    private PathParameters() {
    }
}

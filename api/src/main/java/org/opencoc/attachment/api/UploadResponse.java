package org.opencoc.attachment.api;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The documented 200 body of an upload:
 * {@code {"name","id","error_code":"GOM.00000000","error_msg":null,"provider_code":"049",
 * "data":{"doc_id","doc_name"}}}.
 *
 * @param name         the stored file name (the cleaned upload name)
 * @param id           the new attachment id
 * @param errorCode    {@value #SUCCESS}
 * @param errorMsg     always {@code null}
 * @param providerCode {@value ErrorEnvelope#PROVIDER_CODE}
 * @param data         the id and name again, as the cloud API documents them
 */
@JsonbPropertyOrder({"name", "id", "errorCode", "errorMsg", "providerCode", "data"})
public record UploadResponse(
        @JsonbProperty("name") String name,
        @JsonbProperty("id") String id,
        @JsonbProperty("error_code") String errorCode,
        @JsonbProperty("error_msg") @JsonbNillable String errorMsg,
        @JsonbProperty("provider_code") String providerCode,
        @JsonbProperty("data") UploadData data) {

    /**
     * The success code of every 200 body (this one and {@link ExternalUploadResponse}); its one
     * definition. The error codes are the core module's {@code ErrorCode}.
     */
    public static final String SUCCESS = "GOM.00000000";

    /** The response for a newly stored attachment. */
    public static UploadResponse of(String docId, String docName) {
        return new UploadResponse(docName, docId, SUCCESS, null, ErrorEnvelope.PROVIDER_CODE,
                new UploadData(docId, docName));
    }

    /**
     * The {@code data} member of an upload response.
     *
     * @param docId   the new attachment id, a lower-case UUID
     * @param docName the stored file name
     */
    @JsonbPropertyOrder({"docId", "docName"})
    public record UploadData(
            @JsonbProperty("doc_id") String docId,
            @JsonbProperty("doc_name") String docName) {
    }
}

package org.opencoc.attachment.api;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The 200 body of the cloud's second upload call, {@code POST /v1/external/incident/attachments}
 * (CreateExternalCocAttachment):
 * {@code {"code":"GOM.00000000","provider_code":"049","msg":null,"data":{"doc_id","doc_name"}}}.
 * Its errors are the usual {@link ErrorEnvelope}.
 *
 * @param code         {@value UploadResponse#SUCCESS}
 * @param providerCode {@value ErrorEnvelope#PROVIDER_CODE}
 * @param msg          always {@code null}
 * @param data         the new attachment's id and stored name
 */
@JsonbPropertyOrder({"code", "providerCode", "msg", "data"})
public record ExternalUploadResponse(
        @JsonbProperty("code") String code,
        @JsonbProperty("provider_code") String providerCode,
        @JsonbProperty("msg") @JsonbNillable String msg,
        @JsonbProperty("data") UploadResponse.UploadData data) {

    /** The response for a newly stored attachment. */
    public static ExternalUploadResponse of(String docId, String docName) {
        return new ExternalUploadResponse(UploadResponse.SUCCESS, ErrorEnvelope.PROVIDER_CODE, null,
                new UploadResponse.UploadData(docId, docName));
    }
}

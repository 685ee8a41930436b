package org.opencoc.attachment.api;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The body of every error response: {@code {"provider_code","error_code","error_msg","data"}} with
 * {@code data} always {@code null}. Served as {@code application/json}.
 *
 * @param providerCode always {@value #PROVIDER_CODE}, the operations-center provider
 * @param errorCode    a {@code GOM.xxxxxxxx} code from the error table
 * @param errorMsg     a human-readable message; never a stack trace
 * @param data         always {@code null} on errors
 */
@JsonbPropertyOrder({"providerCode", "errorCode", "errorMsg", "data"})
public record ErrorEnvelope(
        @JsonbProperty("provider_code") String providerCode,
        @JsonbProperty("error_code") String errorCode,
        @JsonbProperty("error_msg") @JsonbNillable String errorMsg,
        @JsonbProperty("data") @JsonbNillable Object data) {

    /** The provider code of the operations center. */
    public static final String PROVIDER_CODE = "049";

    /** An error envelope with the given code and message. */
    public static ErrorEnvelope of(String errorCode, String errorMsg) {
        return new ErrorEnvelope(PROVIDER_CODE, errorCode, errorMsg, null);
    }
}

package org.opencoc.attachment.web;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The attachment API under {@code /v1}, authenticated with MicroProfile JWT bearer tokens.
 *
 * <p>There is deliberately no {@code @LoginConfig}: the container's MP-JWT mechanism (a JASPIC module,
 * a key-file parse and a signature check per request, two JVM-wide realm locks) is replaced by the
 * project's {@code BearerAuthenticationFilter}, which verifies each distinct token once and produces
 * the request's {@code JsonWebToken} itself (package {@code org.opencoc.attachment.iam.authentication}).
 *
 * <p>The published OpenAPI document is the static {@code META-INF/openapi.yaml} (annotation scanning is
 * off), so this class carries no OpenAPI annotations.
 *
 * <p>Two Jersey settings spare every request work it does not need ({@link #getProperties()}).
 */
@ApplicationScoped
@ApplicationPath("/v1")
public class AttachmentApplication extends Application {

    /**
     * Jersey's {@code ServerProperties.BV_FEATURE_DISABLE}: no resource here declares a Bean Validation
     * constraint, yet the validator ran around every resource method (about 3% of the bytes a small
     * download allocated).
     */
    static final String BEAN_VALIDATION_OFF = "jersey.config.beanValidation.disable.server";
    /**
     * Jersey's {@code ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER}: Jersey buffers the start of every
     * response body, up to this many bytes, to give a short entity its {@code Content-Length}, and
     * allocates the whole buffer for each response (8 KiB by default). The JSON bodies here (the error
     * envelope, the upload answer) are far below 2 KiB, and downloads set their {@code Content-Length}
     * themselves; a longer JSON body would be sent chunked.
     */
    static final String CONTENT_LENGTH_BUFFER = "jersey.config.server.contentLength.buffer";
    static final int CONTENT_LENGTH_BUFFER_BYTES = 2048;

    @Override
    public Map<String, Object> getProperties() {
        return Map.of(BEAN_VALIDATION_OFF, true, CONTENT_LENGTH_BUFFER, CONTENT_LENGTH_BUFFER_BYTES);
    }
}

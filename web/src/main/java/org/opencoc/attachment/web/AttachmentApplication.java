package org.opencoc.attachment.web;

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
 */
@ApplicationScoped
@ApplicationPath("/v1")
public class AttachmentApplication extends Application {
}

package org.opencoc.attachment.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The attachment API under {@code /v1}, authenticated with MicroProfile JWT bearer tokens.
 *
 * <p>There is deliberately no {@code @LoginConfig}: the container's MP-JWT mechanism (a JASPIC module,
 * a key-file parse and a signature check per request, two JVM-wide realm locks) is replaced by the
 * project's {@code BearerAuthenticationFilter}, which verifies each distinct token once and produces
 * the request's {@code JsonWebToken} itself (package {@code org.opencoc.attachment.iam.authentication}).
 */
@ApplicationScoped
@ApplicationPath("/v1")
@OpenAPIDefinition(
        info = @Info(title = "COC incident attachments", version = "1.0",
                description = "Upload evidence to incident tickets and download it, authorized by IAM policies."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT")
public class AttachmentApplication extends Application {
}

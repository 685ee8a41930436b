package org.opencoc.attachment.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The attachment API under {@code /v1}, authenticated with MicroProfile JWT bearer tokens.
 *
 * <p>{@code @ApplicationScoped} is required: Payara only activates MP-JWT for a {@code @LoginConfig}
 * application class that is a CDI bean (otherwise {@code JsonWebToken} injection fails).
 */
@ApplicationScoped
@ApplicationPath("/v1")
@LoginConfig(authMethod = "MP-JWT")
@OpenAPIDefinition(
        info = @Info(title = "COC incident attachments", version = "1.0",
                description = "Upload evidence to incident tickets and download it, authorized by IAM policies."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT")
public class AttachmentApplication extends Application {
}

package org.opencoc.attachment.web.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.opencoc.attachment.storage.AttachmentStore;

/** {@code /health/ready} is down while the attachment store cannot serve requests. */
@Readiness
@ApplicationScoped
public class StorageReadiness implements HealthCheck {

    @Inject
    AttachmentStore store;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("attachment-storage").status(store.isReady()).build();
    }
}

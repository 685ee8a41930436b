package org.opencoc.attachment.web.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.opencoc.attachment.storage.AttachmentStore;
import org.opencoc.attachment.web.transfer.Transfers;

/**
 * {@code /health/ready} is down while the attachment store cannot serve requests, and from the moment
 * the instance starts draining on {@code SIGTERM} (so a load balancer stops sending it requests).
 */
@Readiness
@ApplicationScoped
public class StorageReadiness implements HealthCheck {

    @Inject
    AttachmentStore store;

    @Inject
    Transfers transfers;

    @Override
    public HealthCheckResponse call() {
        boolean draining = transfers.isDraining();
        return HealthCheckResponse.named("attachment-storage")
                .status(!draining && store.isReady())
                .withData("draining", draining)
                .withData("transfers-in-flight", transfers.inFlight())
                .build();
    }
}

package org.opencoc.attachment.web.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
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

    /**
     * Looked up per call, not injected: Payara may run this check while the application is still
     * deploying, before the store (and the metrics registry its decorator needs) can be built. Then the
     * instance is simply not ready yet, which is no error worth a stack trace in the log.
     */
    @Inject
    Instance<AttachmentStore> store;

    @Inject
    Transfers transfers;

    @Override
    public HealthCheckResponse call() {
        boolean draining = transfers.isDraining();
        AttachmentStore built;
        try {
            built = store.get();
        } catch (RuntimeException notBuiltYet) {
            built = null;
        }
        boolean starting = built == null;
        boolean storeReady = !starting && built.isReady();
        return HealthCheckResponse.named("attachment-storage")
                .status(!draining && storeReady)
                .withData("starting", starting)
                .withData("draining", draining)
                .withData("transfers-in-flight", transfers.inFlight())
                .build();
    }
}

package org.opencoc.attachment.iam.boundary;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

import org.opencoc.attachment.iam.authentication.BearerAuthenticationFilter;

/**
 * Writes the per-request log lines (the audit line of every decision, the line of every refused
 * token) from one writer thread while the application runs ({@link AsyncLogHandoff}).
 */
@ApplicationScoped
public class AsyncLogs {

    /** Strong references: java.util.logging keeps loggers only weakly. */
    private final List<Logger> loggers = new ArrayList<>();
    private final List<AsyncLogHandoff> handoffs = new ArrayList<>();

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        for (String name : List.of(AuditLogFilter.LOGGER, BearerAuthenticationFilter.LOGGER)) {
            Logger logger = Logger.getLogger(name);
            loggers.add(logger);
            handoffs.add(AsyncLogHandoff.install(logger));
        }
        handoffs.removeIf(Objects::isNull);
    }

    @PreDestroy
    void stop() {
        handoffs.forEach(AsyncLogHandoff::close);
        handoffs.clear();
    }
}

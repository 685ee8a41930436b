package org.opencoc.attachment.web.error;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.logging.Filter;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

/**
 * A client that goes away in the middle of a download is an ordinary event, not a server error.
 * Jersey nevertheless logs it as SEVERE with a stack trace when it finally closes the response
 * ({@code ServerRuntime$Responder}: "Error while closing the output stream in order to commit
 * response"). This installs a log filter on that one logger that drops records caused by an I/O
 * failure of the response stream and keeps every other record.
 *
 * <p>Failures to read from storage during a download are not hidden by this: the resource logs them
 * itself, with the request id, before the response is abandoned.
 */
@ApplicationScoped
public class ClientDisconnects {

    /** Jersey's logger for writing responses; held strongly so the filter stays installed. */
    private static final Logger JERSEY_RESPONDER =
            Logger.getLogger("org.glassfish.jersey.server.ServerRuntime$Responder");

    void install(@Observes @Initialized(ApplicationScoped.class) Object started) {
        Filter existing = JERSEY_RESPONDER.getFilter();
        JERSEY_RESPONDER.setFilter(record -> !causedByResponseIo(record.getThrown())
                && (existing == null || existing.isLoggable(record)));
    }

    /** Whether a failure comes from the response stream: an I/O error anywhere in its cause chain. */
    static boolean causedByResponseIo(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }
}

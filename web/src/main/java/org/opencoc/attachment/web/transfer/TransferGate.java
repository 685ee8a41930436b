package org.opencoc.attachment.web.transfer;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.opencoc.attachment.error.ErrorCode;
import org.opencoc.attachment.web.error.ServletEnvelopes;

/**
 * Admits API requests ({@code /v1/*}) as transfers: counts them in flight for the drain, refuses every
 * new one with 503 once the instance is stopping, and refuses a download ({@code GET}) with 503 when
 * every download slot is taken. Both refusals are the envelope with {@code Retry-After}, written before
 * the request body is read, with {@code Connection: close}.
 *
 * <p>Mapped in {@code web.xml} after the request-id filter, so refusals carry {@code X-Request-Id}.
 */
@WebFilter(filterName = "transfer-gate")
public class TransferGate extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Transfers transfers;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean download = "GET".equals(request.getMethod());
        switch (transfers.tryStart(download)) {
            case DRAINING -> refuse(response, "The service is stopping; retry on another instance.");
            case BUSY -> refuse(response, "Too many downloads in progress (" + transfers.maxDownloads()
                    + "); retry later.");
            case STARTED -> {
                try {
                    chain.doFilter(request, response);
                } finally {
                    transfers.finish(download);
                }
            }
        }
    }

    private static void refuse(HttpServletResponse response, String message) throws IOException {
        response.setHeader("Connection", "close");
        ServletEnvelopes.write(response, ErrorCode.STORAGE_UNAVAILABLE, message);
    }
}

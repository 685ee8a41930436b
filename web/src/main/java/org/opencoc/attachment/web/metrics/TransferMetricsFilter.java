package org.opencoc.attachment.web.metrics;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.opencoc.attachment.iam.boundary.ActionAuthorizationFilter;
import org.opencoc.attachment.web.error.ContainerErrorServlet;

/**
 * Counts every upload and download call around the whole exchange, so a download is in flight until
 * its last byte is written: in-flight gauges, calls by outcome and status, content bytes sent, and the
 * authorization decision the request carried ({@link ActionAuthorizationFilter#DECISION_PROPERTY},
 * a JAX-RS request property and so a servlet request attribute). Other paths pass untouched.
 *
 * <p>A call the container refuses before any filter runs (MP-JWT's 401 for an invalid token) is
 * counted when it is forwarded to the error page: the error dispatch carries its original method and
 * path.
 */
@WebFilter(filterName = "transfer-metrics", urlPatterns = {"/v1/*", ContainerErrorServlet.PATH},
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class TransferMetricsFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Pattern UPLOAD = Pattern.compile("/v1/(?:external/incident|[^/]+)/attachments/?");
    private static final Pattern DOWNLOAD = Pattern.compile("/v1/[^/]+/attachments/[^/]+");
    private static final String COUNTED = TransferMetricsFilter.class.getName() + ".counted";

    @Inject
    transient ServiceMetrics metrics;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            countRefusedBeforeTheApplication(request, response, chain);
            return;
        }
        request.setAttribute(COUNTED, Boolean.TRUE);
        ServiceMetrics.Direction direction = direction(request.getMethod(),
                request.getRequestURI().substring(request.getContextPath().length()));
        if (direction == null) {
            chain.doFilter(request, response);
            return;
        }
        metrics.started(direction);
        CountingResponse counted = direction == ServiceMetrics.Direction.DOWNLOAD ? new CountingResponse(response) : null;
        try {
            chain.doFilter(request, counted == null ? response : counted);
        } finally {
            metrics.finished(direction, response.getStatus());
            if (counted != null && isContent(response.getContentType())) {
                metrics.downloaded(counted.bytes());
            }
            if (request.getAttribute(ActionAuthorizationFilter.DECISION_PROPERTY) instanceof String decision) {
                metrics.decided(decision);
            }
        }
    }

    private void countRefusedBeforeTheApplication(HttpServletRequest request, HttpServletResponse response,
                                                  FilterChain chain) throws IOException, ServletException {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ServiceMetrics.Direction direction = request.getAttribute(COUNTED) != null || !(uri instanceof String path) ? null
                : direction(request.getMethod(), path.substring(Math.min(path.length(), request.getContextPath().length())));
        chain.doFilter(request, response);
        if (direction != null) {
            metrics.started(direction);
            metrics.finished(direction, response.getStatus());
        }
    }

    static ServiceMetrics.Direction direction(String method, String path) {
        if ("POST".equals(method) && UPLOAD.matcher(path).matches()) {
            return ServiceMetrics.Direction.UPLOAD;
        }
        if (("GET".equals(method) || "HEAD".equals(method)) && DOWNLOAD.matcher(path).matches()) {
            return ServiceMetrics.Direction.DOWNLOAD;
        }
        return null;
    }

    private static boolean isContent(String contentType) {
        return contentType != null && contentType.startsWith("application/octet-stream");
    }

    /** Counts the bytes written to the body; everything else passes through. */
    private static final class CountingResponse extends HttpServletResponseWrapper {

        private CountingStream stream;

        CountingResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getOutputStream());
            }
            return stream;
        }

        long bytes() {
            return stream == null ? 0 : stream.count;
        }
    }

    private static final class CountingStream extends ServletOutputStream {

        private final ServletOutputStream out;
        private long count;

        CountingStream(ServletOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }
    }
}

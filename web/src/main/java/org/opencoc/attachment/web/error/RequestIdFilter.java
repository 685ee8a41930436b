package org.opencoc.attachment.web.error;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.opencoc.attachment.iam.boundary.SourceAddresses;
import org.opencoc.attachment.request.RequestId;

/**
 * Gives every request an id (the client's {@code X-Request-Id} if safe, else a new one), echoes it on
 * every response, error pages included, and sets {@code X-Content-Type-Options: nosniff} everywhere.
 * It also records the socket peer's address for the authorization filter
 * ({@link SourceAddresses#PEER_ATTRIBUTE}).
 */
@WebFilter(filterName = "request-id", urlPatterns = "/*", dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class RequestIdFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Object id = request.getAttribute(RequestId.ATTRIBUTE);
        if (id == null) {
            id = RequestId.acceptOrCreate(request.getHeader(RequestId.HEADER));
            request.setAttribute(RequestId.ATTRIBUTE, id);
            request.setAttribute(SourceAddresses.PEER_ATTRIBUTE, request.getRemoteAddr());
        }
        response.setHeader(RequestId.HEADER, id.toString());
        response.setHeader("X-Content-Type-Options", "nosniff");
        chain.doFilter(request, response);
    }
}

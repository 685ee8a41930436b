package org.opencoc.attachment.web.grizzly;

import java.io.IOException;

import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.memory.Buffers;

/**
 * Sits just above Grizzly's HTTP codec: refuses a request whose path the web container would refuse
 * bare (or, for a malformed percent-escape, answer {@code 200} with nothing), with {@code 400} and the
 * envelope, before it reaches the container ({@link RequestPathCheck}).
 */
final class RequestPathRefusals extends BaseFilter {

    private static final String CHECKED = RequestPathRefusals.class.getName() + ".checked";

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        if (ctx.getMessage() instanceof HttpContent content
                && content.getHttpHeader() instanceof HttpRequestPacket request
                && request.getAttribute(CHECKED) == null) {
            request.setAttribute(CHECKED, Boolean.TRUE);
            String problem = RequestPathCheck.problem(request.getRequestURI());
            if (problem != null) {
                refuse(ctx, request, problem);
                return ctx.getStopAction();
            }
        }
        return ctx.getInvokeAction();
    }

    private static void refuse(FilterChainContext ctx, HttpRequestPacket request, String problem) {
        byte[] body = RefusalEnvelope.body(problem);
        HttpResponsePacket response = request.getResponse();
        response.setStatus(400);
        response.setReasonPhrase(RefusalEnvelope.reasonPhrase(400));
        response.setContentType(RefusalEnvelope.CONTENT_TYPE);
        response.setContentLength(body.length);
        response.setHeader(RefusalEnvelope.REQUEST_ID_HEADER, RefusalEnvelope.newRequestId());
        response.getProcessingState().setKeepAlive(false);
        ctx.write(HttpContent.builder(response)
                .content(Buffers.wrap(ctx.getMemoryManager(), body))
                .last(true)
                .build());
        response.getProcessingState().getHttpContext().close();
    }
}

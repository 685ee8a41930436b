package org.opencoc.attachment.web.grizzly;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpCodecFilter;
import org.glassfish.grizzly.http.HttpContext;
import org.glassfish.grizzly.http.HttpPacketParsing;
import org.glassfish.grizzly.memory.Buffers;

/**
 * Sits just below Grizzly's HTTP codec and replaces the codec's own refusals with the envelope. When
 * the parser refuses a request (a bare CR or LF, a head over the header buffer, a bad or repeated
 * {@code Content-Length}, a bad chunk, no {@code Host}, an unknown version) the codec writes, in one
 * buffer, a head with an error status, {@code Content-Length: 0} and (once it has read enough of the
 * head to know) {@code Connection: close}, and nothing else, then closes the connection
 * ({@code HttpServerFilter.commitAndCloseAsError}). Exactly such a buffer
 * ({@link #bareRefusalStatus(String, boolean)}) is swapped for the same status with the envelope;
 * everything else passes untouched (every answer of the application to an error has a body, so none
 * looks like this).
 *
 * <p>The codec answers a head that outgrows the header buffer with the same {@code 400} as any other
 * parse error; the request it was parsing still says where the parser stopped, so that case gets the
 * status RFC 9110/6585 have for it: {@code 431} when the header fields overflowed, {@code 414} when the
 * request line did ({@link #refinedStatus}).
 */
final class ParserRefusalRewriter extends BaseFilter {

    /** A refusal head is short; anything longer is not one. */
    private static final int MAX_REFUSAL_HEAD = 512;

    @Override
    public NextAction handleWrite(FilterChainContext ctx) throws IOException {
        if (ctx.getMessage() instanceof Buffer buffer) {
            int status = bareRefusalStatus(buffer, ctx);
            if (status != 0) {
                buffer.tryDispose();
                ctx.setMessage(Buffers.wrap(ctx.getMemoryManager(),
                        RefusalEnvelope.rawResponse(refinedStatus(status, HttpContext.get(ctx)))));
            }
        }
        return ctx.getInvokeAction();
    }

    /**
     * {@code 431} or {@code 414} for a {@code 400} whose request head outgrew the header buffer (the
     * parser stopped at its limit in the header fields or in the request line), else {@code status}.
     */
    static int refinedStatus(int status, HttpContext http) {
        if (status == 400 && requestHeadUnparsed(http)) {
            HttpCodecFilter.HeaderParsingState state = ((HttpPacketParsing) http.getRequest()).getHeaderParsingState();
            if (state.offset >= state.packetLimit) {
                return state.state == 0 ? 414 : 431;
            }
        }
        return status;
    }

    /** Whether the request being answered never got past the parser (so no application answers it). */
    static boolean requestHeadUnparsed(HttpContext http) {
        return http != null && http.getRequest() instanceof HttpPacketParsing parsing && !parsing.isHeaderParsed();
    }

    /**
     * The status of a bodiless error head that closes the connection or answers a request the parser
     * did not finish, or 0 if {@code buffer} is anything else.
     */
    static int bareRefusalStatus(Buffer buffer, FilterChainContext ctx) {
        int length = buffer.remaining();
        if (length < 16 || length > MAX_REFUSAL_HEAD) {
            return 0;
        }
        int position = buffer.position();
        byte statusClass = buffer.get(position + 9);
        if (buffer.get(position) != 'H' || (statusClass != '4' && statusClass != '5')) {
            return 0; // the common case (a body, a success): decided without copying
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        buffer.position(position);
        return bareRefusalStatus(new String(bytes, StandardCharsets.ISO_8859_1),
                ctx != null && requestHeadUnparsed(HttpContext.get(ctx)));
    }

    /**
     * The codec's refusal: one head with an error status, {@code Content-Length: 0} and no type, which
     * either says {@code Connection: close} or answers a request whose head the parser did not finish
     * (an overlong request line is refused before the codec knows the connection's keep-alive, so that
     * refusal does not say it closes).
     */
    static int bareRefusalStatus(String head, boolean requestHeadUnparsed) {
        if (!head.startsWith("HTTP/1.") || head.charAt(8) != ' ' || !head.endsWith("\r\n\r\n")
                || head.indexOf("\r\n\r\n") != head.length() - 4) {
            return 0;
        }
        int status;
        try {
            status = Integer.parseInt(head.substring(9, 12));
        } catch (NumberFormatException e) {
            return 0;
        }
        String headers = head.toLowerCase(java.util.Locale.ROOT);
        boolean refusal = status >= 400 && status <= 599
                && headers.contains("\r\ncontent-length: 0\r\n")
                && (requestHeadUnparsed || headers.contains("\r\nconnection: close\r\n"))
                && !headers.contains("\r\ncontent-type:");
        return refusal ? status : 0;
    }
}

package org.opencoc.attachment.web.grizzly;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.memory.Buffers;

/**
 * Sits just below Grizzly's HTTP codec and replaces the codec's own refusals with the envelope. When
 * the parser refuses a request (a bare CR or LF, a head over the header buffer, a bad or repeated
 * {@code Content-Length}, a bad chunk, no {@code Host}, an unknown version) the codec writes, in one
 * buffer, a head with an error status, {@code Content-Length: 0} and {@code Connection: close}, and
 * nothing else, then closes the connection ({@code HttpServerFilter.commitAndCloseAsError}). Exactly
 * such a buffer is swapped for the same status with the envelope; everything else passes untouched
 * (every answer of the application to an error has a body, so none looks like this).
 */
final class ParserRefusalRewriter extends BaseFilter {

    /** A refusal head is short; anything longer is not one. */
    private static final int MAX_REFUSAL_HEAD = 512;

    @Override
    public NextAction handleWrite(FilterChainContext ctx) throws IOException {
        if (ctx.getMessage() instanceof Buffer buffer) {
            int status = bareRefusalStatus(buffer);
            if (status != 0) {
                buffer.tryDispose();
                ctx.setMessage(Buffers.wrap(ctx.getMemoryManager(), RefusalEnvelope.rawResponse(status)));
            }
        }
        return ctx.getInvokeAction();
    }

    /** The status of a bodiless, closing error head, or 0 if {@code buffer} is anything else. */
    static int bareRefusalStatus(Buffer buffer) {
        int length = buffer.remaining();
        if (length < 16 || length > MAX_REFUSAL_HEAD) {
            return 0;
        }
        byte[] bytes = new byte[length];
        int position = buffer.position();
        buffer.get(bytes);
        buffer.position(position);
        return bareRefusalStatus(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    static int bareRefusalStatus(String head) {
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
                && headers.contains("\r\nconnection: close\r\n")
                && !headers.contains("\r\ncontent-type:");
        return refusal ? status : 0;
    }
}

package org.opencoc.attachment.web.error;

import java.io.IOException;
import java.io.OutputStream;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;

/**
 * A client that goes away in the middle of a response is an ordinary event, not a server error. When
 * the body has been written, the JAX-RS runtime flushes and closes the entity stream; if the connection
 * is gone by then, that flush fails, and the runtime reports the failure as SEVERE with a stack trace
 * (Payara's Jersey: "Error while closing the output stream in order to commit response"). This
 * interceptor hands every entity writer a stream that takes a failed flush or close for what it is, the
 * client left: it logs that at FINE and returns, so the runtime has no exception to report. The runtime
 * flushes and closes the stream the interceptors leave, so this one.
 *
 * <p>Writes are left alone: a write to a connection that is gone still fails, so a download's copy
 * stops at once (the download body logs that at FINE itself). Failures to read from storage are not
 * hidden either: the download logs them with the doc_id before the response is abandoned.
 */
@Provider
public class ClientDisconnects implements WriterInterceptor {

    private static final Logger LOG = Logger.getLogger(ClientDisconnects.class.getName());

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        context.setOutputStream(new Stream(context.getOutputStream()));
        context.proceed();
    }

    /** The runtime's entity stream, except that a flush or close failing with an I/O error is logged at FINE. */
    static final class Stream extends OutputStream {

        private final OutputStream out;

        Stream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() {
            clientMayBeGone(out::flush, "flushed");
        }

        @Override
        public void close() {
            clientMayBeGone(out::close, "closed");
        }

        private static void clientMayBeGone(IoCall call, String done) {
            try {
                call.run();
            } catch (IOException clientGone) {
                LOG.log(Level.FINE, clientGone, () -> "Client went away before the response was " + done);
            }
        }

        private interface IoCall {
            void run() throws IOException;
        }
    }
}

package org.opencoc.attachment.web.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.ext.WriterInterceptorContext;

import org.junit.jupiter.api.Test;

class ClientDisconnectsTest {

    @Test
    void aFlushToAClientThatLeftIsNotAnError() {
        var stream = new ClientDisconnects.Stream(new Connection().gone());

        assertThatCode(stream::flush).doesNotThrowAnyException();
    }

    @Test
    void aCloseToAClientThatLeftIsNotAnError() {
        var stream = new ClientDisconnects.Stream(new Connection().gone());

        assertThatCode(stream::close).doesNotThrowAnyException();
    }

    @Test
    void aWriteToAClientThatLeftStillFailsSoTheCopyStops() {
        var stream = new ClientDisconnects.Stream(new Connection().gone());

        assertThrows(IOException.class, () -> stream.write(new byte[] {1, 2, 3}, 0, 3));
    }

    @Test
    void failuresThatAreNotIoPassThrough() {
        var stream = new ClientDisconnects.Stream(new Connection() {
            @Override
            public void flush() {
                throw new IllegalStateException("a bug");
            }
        });

        assertThrows(IllegalStateException.class, stream::flush);
    }

    @Test
    void writesFlushesAndClosesTheContainerStream() throws IOException {
        var connection = new Connection();
        var stream = new ClientDisconnects.Stream(connection);

        stream.write(new byte[] {1, 2, 3}, 1, 2);
        stream.write(4);
        stream.flush();
        stream.close();

        assertThat(connection.sent.toByteArray()).containsExactly(2, 3, 4);
        assertThat(connection.calls).containsExactly("flush", "close");
    }

    @Test
    void everyEntityWriterGetsTheGuardedStream() throws IOException {
        var connection = new Connection();
        OutputStream[] current = {connection};
        List<OutputStream> writtenTo = new ArrayList<>();
        WriterInterceptorContext context = (WriterInterceptorContext) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {WriterInterceptorContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getOutputStream" -> current[0];
                    case "setOutputStream" -> {
                        current[0] = (OutputStream) args[0];
                        yield null;
                    }
                    case "proceed" -> {
                        writtenTo.add(current[0]);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });

        new ClientDisconnects().aroundWriteTo(context);

        assertThat(writtenTo).singleElement().isInstanceOf(ClientDisconnects.Stream.class);
        connection.gone();
        assertThatCode(writtenTo.get(0)::flush).doesNotThrowAnyException();
    }

    /** The runtime's stream to a connection; after {@link #gone()} every operation fails as on a reset socket. */
    private static class Connection extends OutputStream {

        final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        final List<String> calls = new ArrayList<>();
        private boolean gone;

        Connection gone() {
            gone = true;
            return this;
        }

        @Override
        public void write(int b) throws IOException {
            check();
            sent.write(b);
        }

        @Override
        public void flush() throws IOException {
            check();
            calls.add("flush");
        }

        @Override
        public void close() throws IOException {
            check();
            calls.add("close");
        }

        private void check() throws IOException {
            if (gone) {
                throw new IOException("Connection is closed");
            }
        }
    }
}

package org.opencoc.bench.floor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /v1/floor}: the bytes of the file named by the system property {@code floor.file}, read once. */
@jakarta.ws.rs.Path("/floor")
public class FloorResource {

    private static final byte[] BYTES = read();

    @GET
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public byte[] get() {
        return BYTES;
    }

    private static byte[] read() {
        try {
            return Files.readAllBytes(java.nio.file.Path.of(System.getProperty("floor.file")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

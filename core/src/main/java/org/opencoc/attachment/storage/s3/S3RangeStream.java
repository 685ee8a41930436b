package org.opencoc.attachment.storage.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The body of a ranged GetObject, passed through unbuffered: the bytes flow from the store's socket to
 * the caller. An SDK failure while reading or closing (the store gone mid-stream) is an
 * {@link IOException}; closing before the end aborts the connection rather than draining it.
 */
final class S3RangeStream extends FilterInputStream {

    private final ResponseInputStream<GetObjectResponse> response;
    private long remaining;

    private S3RangeStream(ResponseInputStream<GetObjectResponse> response, long length) {
        super(response);
        this.response = response;
        this.remaining = length;
    }

    /**
     * The stream of {@code length} bytes of object {@code key} that {@code response} answered.
     *
     * @throws IllegalStateException when the store returns another length than the range asked for
     *                               (the object is damaged); the response is aborted
     */
    static InputStream of(ResponseInputStream<GetObjectResponse> response, long length, String key) {
        Long returned = response.response().contentLength();
        if (returned == null || returned != length) {
            response.abort();
            throw S3Failures.damaged(key, "returned " + returned + " bytes for a range of " + length);
        }
        return new S3RangeStream(response, length);
    }

    @Override
    public int read() throws IOException {
        int b = (int) reading(super::read);
        if (b >= 0) {
            remaining--;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = (int) reading(() -> super.read(buffer, offset, length));
        if (n > 0) {
            remaining -= n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = reading(() -> super.skip(n));
        remaining -= skipped;
        return skipped;
    }

    @Override
    public void close() throws IOException {
        reading(() -> {
            if (remaining > 0) {
                response.abort();
            }
            super.close();
            return 0;
        });
    }

    /**
     * Runs one call on the SDK's stream, an {@link SdkException} becoming an {@link IOException}. The
     * result is a primitive, so a read allocates no box.
     */
    private static long reading(StreamCall call) throws IOException {
        try {
            return call.run();
        } catch (SdkException e) {
            throw new IOException("Reading the attachment from S3 failed", e);
        }
    }

    @FunctionalInterface
    private interface StreamCall {
        long run() throws IOException;
    }
}

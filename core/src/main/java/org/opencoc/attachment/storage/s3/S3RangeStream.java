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
        int b;
        try {
            b = super.read();
        } catch (SdkException e) {
            throw failed(e);
        }
        if (b >= 0) {
            remaining--;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = super.read(buffer, offset, length);
        } catch (SdkException e) {
            throw failed(e);
        }
        if (n > 0) {
            remaining -= n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped;
        try {
            skipped = super.skip(n);
        } catch (SdkException e) {
            throw failed(e);
        }
        remaining -= skipped;
        return skipped;
    }

    @Override
    public void close() throws IOException {
        try {
            if (remaining > 0) {
                response.abort();
            }
            super.close();
        } catch (SdkException e) {
            throw failed(e);
        }
    }

    /**
     * The one translation of an SDK failure on the stream (the store gone mid-stream): an
     * {@link IOException}, as callers of an {@link InputStream} expect. Each method catches and calls
     * this directly rather than passing its call as a lambda, so the download's read loop allocates
     * nothing per read.
     */
    private static IOException failed(SdkException e) {
        return new IOException("Reading the attachment from S3 failed", e);
    }
}

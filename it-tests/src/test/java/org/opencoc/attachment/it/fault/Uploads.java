package org.opencoc.attachment.it.fault;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import org.opencoc.attachment.it.Multipart;
import org.opencoc.attachment.it.Service;
import org.opencoc.attachment.it.scaleout.Samples;
import org.opencoc.attachment.it.scaleout.Samples.Sample;

/** One upload of a fault test and how it ended: answered (status, doc_id on 200) or cut off (an I/O failure). */
record Uploads(Sample sample, int status, String docId, String body, Duration latency, Throwable failure, long endedAtNanos) {

    /** Sends {@code sample} through {@code service}; an I/O failure (connection reset, refused) is recorded, not thrown. */
    static Uploads send(Service service, String token, Sample sample) {
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> answer = service.upload(token, sample.name(), sample.content());
            String body = new String(answer.body(), StandardCharsets.UTF_8);
            String docId = answer.statusCode() == 200 ? Service.json(answer).getString("id") : null;
            long end = System.nanoTime();
            return new Uploads(sample, answer.statusCode(), docId, body, Duration.ofNanos(end - start), null, end);
        } catch (UncheckedIOException e) {
            long end = System.nanoTime();
            return new Uploads(sample, -1, null, null, Duration.ofNanos(end - start), e, end);
        }
    }

    /**
     * Like {@link #send}, but the client sends the body at about {@code bytesPerSecond} (chunked), so the
     * upload is certainly still in flight for a while: the fault tests crash things under it.
     */
    static Uploads sendSlowly(Service service, String token, Sample sample, int bytesPerSecond) {
        Multipart body = new Multipart().file("file", sample.name(), sample.content());
        byte[] bytes = body.build();
        HttpRequest request = HttpRequest.newBuilder(service.attachments("incident"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SlowStream(bytes, bytesPerSecond)))
                .build();
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> answer = service.send(request);
            long end = System.nanoTime();
            String docId = answer.statusCode() == 200 ? Service.json(answer).getString("id") : null;
            return new Uploads(sample, answer.statusCode(), docId, new String(answer.body(), StandardCharsets.UTF_8),
                    Duration.ofNanos(end - start), null, end);
        } catch (UncheckedIOException e) {
            long end = System.nanoTime();
            return new Uploads(sample, -1, null, null, Duration.ofNanos(end - start), e, end);
        }
    }

    boolean acknowledged() {
        return status == 200;
    }

    boolean cutOff() {
        return failure != null;
    }

    Optional<String> id() {
        return Optional.ofNullable(docId);
    }

    /** A text of 1 to 9 MiB, different for every {@code i} (sizes spread by a multiplicative hash). */
    static Sample largeText(String prefix, int i) {
        int size = (1 + Math.floorMod(i * 7919, 9)) * 1024 * 1024 - Math.floorMod(i * 104729, 65536);
        return new Sample(prefix + "-" + i + ".txt", Samples.text(i, Math.max(1024 * 1024, size)));
    }

    /** Hands out {@code bytes} in pieces of a tenth of the rate, one piece every 100 ms. */
    private static final class SlowStream extends InputStream {

        private final byte[] bytes;
        private final int piece;
        private int position;

        SlowStream(byte[] bytes, int bytesPerSecond) {
            this.bytes = bytes;
            this.piece = Math.max(1, bytesPerSecond / 10);
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= bytes.length) {
                return -1;
            }
            LockSupport.parkNanos(100_000_000L); // the slow client's pace, not a wait for a condition
            int n = Math.min(Math.min(length, piece), bytes.length - position);
            System.arraycopy(bytes, position, buffer, offset, n);
            position += n;
            return n;
        }
    }

    @Override
    public String toString() {
        return sample + (docId == null ? "" : " as " + docId) + " -> " + (failure == null ? status : failure.toString());
    }
}

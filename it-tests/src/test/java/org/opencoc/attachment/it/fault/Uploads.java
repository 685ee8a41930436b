package org.opencoc.attachment.it.fault;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

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

    @Override
    public String toString() {
        return sample + (docId == null ? "" : " as " + docId) + " -> " + (failure == null ? status : failure.toString());
    }
}

package org.opencoc.attachment.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;

import org.opencoc.attachment.it.Multipart;
import org.opencoc.attachment.it.Service;

/** Ordinary requests beside the misbehaving clients, and the content they send. */
final class Traffic {

    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,".getBytes(StandardCharsets.US_ASCII);

    private Traffic() {
    }

    /** The time one ordinary upload and one download of it took. */
    record RoundTrip(long uploadMillis, long downloadMillis) {
    }

    /** {@code length} bytes of printable text lines derived from {@code seed}. */
    static byte[] text(int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = i % 80 == 79 ? (byte) '\n' : ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return bytes;
    }

    /**
     * Uploads a small text file and downloads it again with a 10 s timeout each (a bound, not a speed
     * target), asserting 200 and the same bytes; returns how long each took.
     */
    static RoundTrip roundTrip(Service service, String token, long seed) {
        byte[] content = text(4096, seed);
        long start = System.nanoTime();
        HttpResponse<byte[]> uploaded = service.send(service.uploadRequest("incident", token,
                        new Multipart().file("file", "normal-" + seed + ".txt", content))
                .timeout(Duration.ofSeconds(10)).build());
        long uploadMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(uploaded.statusCode()).as("ordinary upload: %s", new String(uploaded.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        String docId = Service.json(uploaded).getString("id");
        start = System.nanoTime();
        HttpResponse<byte[]> downloaded = service.send(HttpRequest.newBuilder(service.attachment(docId))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).GET().build());
        long downloadMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(downloaded.statusCode()).as("ordinary download").isEqualTo(200);
        assertThat(downloaded.body()).as("ordinary download's bytes").isEqualTo(content);
        return new RoundTrip(uploadMillis, downloadMillis);
    }
}

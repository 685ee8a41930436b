package org.opencoc.attachment.it.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencoc.attachment.it.DeployedWar;
import org.opencoc.attachment.it.Envelopes;
import org.opencoc.attachment.it.Multipart;
import org.opencoc.attachment.it.Service;

/**
 * Ranges (RFC 9110 §14) and preconditions (§13.2.2) of a download, on the wire, from the table in
 * {@code http/range-cases.csv}; plus the integrity digests of download ({@code Repr-Digest}) and upload
 * ({@code Content-Digest}). Every case uploads its own copy of the same 1000 bytes of text, so its
 * {@code Last-Modified} is known and no case depends on another.
 */
class RangeRequestsIT extends DeployedWar {

    private static final int LENGTH = 1000;
    private static final byte[] CONTENT = Payloads.text(LENGTH, 1000);
    private static final String ETAG = Payloads.entityTag(CONTENT);
    private static final String REPR_DIGEST = Payloads.digestField(CONTENT);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/" + LENGTH);
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC_850 =
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    String token;

    @BeforeEach
    void connect() {
        token = service.accountToken("domain-ranges");
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/http/range-cases.csv", delimiterString = "|", quoteCharacter = '\'')
    void answersRangeAndPreconditionCasesOnTheWire(String name, String method, String range, String ifRange,
                                                   String ifMatch, String ifNoneMatch, String ifModifiedSince,
                                                   String ifUnmodifiedSince, int status, String contentRange) {
        String docId = service.uploadOk(token, "ranges.txt", CONTENT);
        Instant lastModified = lastModified(docId);
        HttpRequest.Builder request = authorized(service.attachment(docId))
                .method(method, HttpRequest.BodyPublishers.noBody());
        header(request, "Range", range, lastModified);
        header(request, "If-Range", ifRange, lastModified);
        header(request, "If-Match", ifMatch, lastModified);
        header(request, "If-None-Match", ifNoneMatch, lastModified);
        header(request, "If-Modified-Since", ifModifiedSince, lastModified);
        header(request, "If-Unmodified-Since", ifUnmodifiedSince, lastModified);
        boolean head = method.equals("HEAD");

        HttpResponse<byte[]> response = service.send(request.build());

        assertThat(response.statusCode()).as("status; body %s", new String(response.body())).isEqualTo(status);
        switch (status) {
            case 200 -> assertRepresentation(response, null, head ? new byte[0] : CONTENT);
            case 206 -> assertRepresentation(response, contentRange, slice(contentRange));
            case 304 -> assertNotModified(response);
            case 412 -> assertFailure(response, head, "GOM.00007263");
            case 416 -> {
                assertThat(response.headers().firstValue("Content-Range")).hasValue(contentRange);
                assertFailure(response, head, "GOM.00007262");
            }
            default -> throw new IllegalArgumentException("no expectation for status " + status + " in " + name);
        }
    }

    @Test
    void headCarriesTheSameHeadersAsGet() {
        String docId = service.uploadOk(token, "ranges.txt", CONTENT);

        HttpResponse<byte[]> get = service.send(authorized(service.attachment(docId)).GET().build());
        HttpResponse<byte[]> head = service.send(authorized(service.attachment(docId))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(head.statusCode()).isEqualTo(get.statusCode()).isEqualTo(200);
        assertThat(comparable(head)).isEqualTo(comparable(get)).containsKeys("content-length", "etag",
                "last-modified", "accept-ranges", "repr-digest", "content-disposition", "content-type");
        assertThat(head.body()).isEmpty();
    }

    @Test
    void unsatisfiableRangeAnswersTheRangeErrorEnvelopeFieldByField() {
        String docId = service.uploadOk(token, "ranges.txt", CONTENT);

        HttpResponse<byte[]> response = service.send(authorized(service.attachment(docId))
                .header("Range", "bytes=1000-").GET().build());

        assertThat(response.statusCode()).isEqualTo(416);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes */1000");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonObject envelope = Service.json(response);
        assertThat(envelope.keySet()).containsExactlyInAnyOrder("provider_code", "error_code", "error_msg", "data");
        assertThat(envelope.getString("provider_code")).isEqualTo("049");
        assertThat(envelope.getString("error_code")).isEqualTo("GOM.00007262");
        assertThat(envelope.getString("error_msg")).contains("1000");
        assertThat(envelope.get("data")).isEqualTo(JsonValue.NULL);
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    @ParameterizedTest(name = "digest on the {0}")
    @ValueSource(strings = {"request", "file part"})
    void uploadWithMatchingContentDigestIsStored(String where) {
        HttpResponse<byte[]> upload = uploadWithDigest(where, Payloads.digestField(CONTENT));

        assertThat(upload.statusCode()).as("body %s", new String(upload.body())).isEqualTo(200);
        HttpResponse<byte[]> download = service.download(token, Service.json(upload).getString("id"));
        assertThat(download.body()).isEqualTo(CONTENT);
    }

    @ParameterizedTest(name = "digest on the {0}")
    @ValueSource(strings = {"request", "file part"})
    void uploadWithMismatchingContentDigestIsRefusedAsChecksumMismatch(String where) {
        String digestOfOtherBytes = Payloads.digestField(Payloads.text(LENGTH, 1001));

        HttpResponse<byte[]> upload = uploadWithDigest(where, digestOfOtherBytes);

        Envelopes.assertError(upload, 400, "GOM.00007264");
    }

    private HttpResponse<byte[]> uploadWithDigest(String where, String digest) {
        Multipart body = where.equals("request")
                ? new Multipart().file("file", "digest.txt", CONTENT)
                : new Multipart().file("file", "digest.txt", CONTENT, "Content-Digest: " + digest + "\r\n");
        HttpRequest.Builder request = authorized(service.attachments("incident"))
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.build()));
        if (where.equals("request")) {
            request.header("Content-Digest", digest);
        }
        return service.send(request.build());
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
    }

    private Instant lastModified(String docId) {
        HttpResponse<byte[]> plain = service.download(token, docId);
        assertThat(plain.statusCode()).isEqualTo(200);
        String header = plain.headers().firstValue("Last-Modified").orElseThrow();
        return ZonedDateTime.parse(header, IMF_FIXDATE).toInstant();
    }

    private static void header(HttpRequest.Builder request, String name, String template, Instant lastModified) {
        if (template == null) {
            return;
        }
        Duration day = Duration.ofDays(1);
        String value = template
                .replace("{etag}", ETAG)
                .replace("{weak}", "W/" + ETAG)
                .replace("{lm850}", RFC_850.format(lastModified))
                .replace("{lmAsctime}", ASCTIME.format(lastModified))
                .replace("{lm-1d}", IMF_FIXDATE.format(lastModified.minus(day)))
                .replace("{lm+1d}", IMF_FIXDATE.format(lastModified.plus(day)))
                .replace("{lm}", IMF_FIXDATE.format(lastModified));
        request.header(name, value);
    }

    private static byte[] slice(String contentRange) {
        Matcher range = CONTENT_RANGE.matcher(contentRange);
        assertThat(range.matches()).as("expected Content-Range %s", contentRange).isTrue();
        return Arrays.copyOfRange(CONTENT, Integer.parseInt(range.group(1)), Integer.parseInt(range.group(2)) + 1);
    }

    /** A 200 or 206: validators, digest of the whole file, length and exact bytes. */
    private static void assertRepresentation(HttpResponse<byte[]> response, String contentRange, byte[] body) {
        var headers = response.headers();
        assertThat(headers.firstValue("ETag")).hasValue(ETAG);
        assertThat(headers.firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(headers.firstValue("Repr-Digest")).as("digest of the whole file").hasValue(REPR_DIGEST);
        assertThat(headers.firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(headers.firstValue("Content-Range")).isEqualTo(Optional.ofNullable(contentRange));
        long expectedLength = contentRange == null ? LENGTH : body.length;
        assertThat(headers.firstValueAsLong("Content-Length")).hasValue(expectedLength);
        assertThat(response.body()).isEqualTo(body);
    }

    private static void assertNotModified(HttpResponse<byte[]> response) {
        assertThat(response.headers().firstValue("ETag")).hasValue(ETAG);
        assertThat(response.headers().firstValue("Content-Range")).isEmpty();
        assertThat(response.body()).isEmpty();
    }

    private static void assertFailure(HttpResponse<byte[]> response, boolean head, String errorCode) {
        if (head) {
            assertThat(response.body()).isEmpty();
        } else {
            Envelopes.assertError(response, response.statusCode(), errorCode);
        }
    }

    /** Response headers without those that differ per exchange (Date, X-Request-Id), names in lower case. */
    private static Map<String, List<String>> comparable(HttpResponse<byte[]> response) {
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        headers.remove("date");
        headers.remove("x-request-id");
        return headers;
    }
}

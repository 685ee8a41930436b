package org.opencoc.attachment.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The requests of one {@link AttachmentClient}: the collection URL, the bearer token, the timeout of
 * one request and the shared {@link HttpClient}. Every request it starts carries the timeout, the
 * {@code User-Agent} and the token (when there is one); an attachment URL is built only from a
 * lower-case UUID, so nothing a caller passes as a doc id can change the path or add a query.
 */
final class Exchange {

    private static final Pattern DOC_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final URI collection;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    Exchange(URI collection, String token, Duration timeout, HttpClient http) {
        this.collection = collection;
        this.token = token;
        this.timeout = timeout;
        this.http = http;
    }

    /** {@code <endpoint>/v1/<ticket type>/attachments}. */
    URI collection() {
        return collection;
    }

    /** The URL of {@code docId}; refuses (before anything is sent) what is not a lower-case UUID. */
    URI attachment(String docId) throws ClientException {
        if (docId == null || !DOC_ID.matcher(docId).matches()) {
            throw ClientException.of(ClientException.Kind.REFUSED_LOCALLY,
                    "doc_id must be a lower-case UUID, was '" + docId + "'", null);
        }
        return URI.create(collection + "/" + docId);
    }

    /** A request to {@code uri} with the timeout, the {@code User-Agent} and the bearer token. */
    HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", "coc-attach/1");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    /** Sends {@code request}; the caller decides what a failure means. */
    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException, InterruptedException {
        return http.send(request, body);
    }
}

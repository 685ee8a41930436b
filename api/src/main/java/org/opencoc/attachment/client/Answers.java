package org.opencoc.attachment.client;

import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.opencoc.attachment.api.ErrorEnvelope;
import org.opencoc.attachment.api.UploadResponse;

/**
 * What the client makes of the service's answers, and of no answer: the upload JSON, the error
 * envelope, and the {@link ClientException} for an error status, a failed connection or an interrupt.
 */
final class Answers {

    private Answers() {
    }

    /** The exception for an error answer; the envelope's message when the body is one. */
    static ClientException failure(int status, String body, Optional<String> requestId) {
        Optional<ErrorEnvelope> envelope = parseEnvelope(body);
        String message = envelope.map(ErrorEnvelope::errorMsg).filter(msg -> !msg.isBlank())
                .orElse("HTTP " + status + (status == 401 ? " (no or invalid token)" : ""));
        return new ClientException(ClientException.kindOf(status), message, status, envelope.orElse(null),
                requestId.orElse(null), null);
    }

    static Optional<ErrorEnvelope> parseEnvelope(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonObject json = reader.readObject();
            return Optional.of(new ErrorEnvelope(text(json, "provider_code"), text(json, "error_code"),
                    text(json, "error_msg"), null));
        } catch (JsonException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** The answer to an upload of {@code size} bytes; a 200 without an id is a server failure. */
    static UploadResponse parseUpload(String body, long size) throws ClientException {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonObject json = reader.readObject();
            JsonObject data = json.getJsonObject("data");
            UploadResponse parsed = new UploadResponse(text(json, "name"), text(json, "id"), text(json, "error_code"),
                    text(json, "error_msg"), text(json, "provider_code"),
                    data == null ? null : new UploadResponse.UploadData(text(data, "doc_id"), text(data, "doc_name")));
            if (parsed.id() == null) {
                throw ClientException.of(ClientException.Kind.SERVER, "The upload answer has no id: " + body, null);
            }
            return parsed;
        } catch (JsonException | ClassCastException e) {
            throw ClientException.of(ClientException.Kind.SERVER, "The upload answer is not JSON: " + body, e);
        }
    }

    /** No answer from the service at {@code collection}, after the retries. */
    static ClientException network(URI collection, IOException e) {
        return ClientException.of(ClientException.Kind.NETWORK, "No answer from " + collection.getHost() + ":" + collection.getPort()
                + ": " + describe(e), e);
    }

    /** The thread was interrupted; its interrupt flag is set again. */
    static ClientException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return ClientException.of(ClientException.Kind.NETWORK, "Interrupted", e);
    }

    /** Whether the connection was never made, so nothing of a request reached the service. */
    static boolean isConnectFailure(IOException e) {
        return e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
    }

    /** The class and message of {@code e}, for a message or a retry reason. */
    static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String text(JsonObject json, String key) {
        JsonValue value = json.get(key);
        return value instanceof JsonString string ? string.getString() : null;
    }
}

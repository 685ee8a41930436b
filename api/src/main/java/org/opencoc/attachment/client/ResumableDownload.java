package org.opencoc.attachment.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One download into a {@link PartialFile}, as {@link AttachmentClient#download} describes it: each try
 * continues the partial file with {@code Range} + {@code If-Range}, takes a 200 as a changed
 * attachment that replaces it, starts over on a 416 or a range that does not continue it, and retries
 * a 503 or a broken connection; a try that delivered bytes resets the count of tries.
 */
final class ResumableDownload {

    private static final int BUFFER = 64 * 1024;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+)");

    private final Exchange exchange;
    private final Tries tries;
    private final AttachmentClient.Sleeper sleeper;
    private final long bytesPerSecond;

    /** A download through {@code exchange}, limited to {@code bytesPerSecond} (0: unlimited). */
    ResumableDownload(Exchange exchange, Tries tries, AttachmentClient.Sleeper sleeper, long bytesPerSecond) {
        this.exchange = exchange;
        this.tries = tries;
        this.sleeper = sleeper;
        this.bytesPerSecond = bytesPerSecond;
    }

    RemoteAttachment run(String docId, Path target, TransferListener listener) throws ClientException {
        URI uri = exchange.attachment(docId);
        PartialFile part = new PartialFile(target);
        while (true) {
            long have = part.resumable();
            Optional<String> etag = have > 0 ? part.etag() : Optional.empty();
            HttpRequest.Builder request = exchange.request(uri).GET().header("Accept-Encoding", "identity");
            if (etag.isPresent()) {
                request.header("Range", "bytes=" + have + "-").header("If-Range", etag.get());
            }
            HttpResponse<InputStream> response;
            try {
                response = exchange.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (tries.left()) {
                    tries.pause(Optional.empty(), Answers.describe(e), listener);
                    continue;
                }
                throw Answers.network(exchange.collection(), e);
            } catch (InterruptedException e) {
                throw Answers.interrupted(e);
            }
            int status = response.statusCode();
            Optional<String> requestId = response.headers().firstValue(AttachmentClient.REQUEST_ID);
            if (status == 416 && etag.isPresent()) {
                // the partial file is not shorter than the attachment: it changed, start over
                drain(response);
                part.discard();
                continue;
            }
            if (status == 503 && tries.left()) {
                drain(response);
                tries.pause(response.headers().firstValue("Retry-After"), "503 service unavailable", listener);
                continue;
            }
            if (status != 200 && status != 206) {
                throw Answers.failure(status, readError(response), requestId);
            }
            RemoteAttachment remote = RemoteAttachment.fromHeaders(docId, status, response.headers());
            long offset = 0;
            if (status == 206) {
                offset = rangeStart(response, have);
                if (offset < 0 || !remote.etag().equals(etag)) {
                    // not the continuation asked for: throw the partial file away and ask again
                    drain(response);
                    part.discard();
                    if (!tries.spend()) {
                        throw ClientException.of(ClientException.Kind.SERVER, "The service answered a range that does not continue the partial file", null);
                    }
                    continue;
                }
            }
            long copied;
            try {
                if (status == 200) {
                    part.recordEtag(remote.etag());
                }
                listener.started(offset, remote.size());
                copied = copy(response.body(), part, offset, listener);
            } catch (IOException e) {
                if (e instanceof PartialFile.LocalWriteException local) {
                    throw ClientException.of(ClientException.Kind.REFUSED_LOCALLY, "Cannot write " + part.path() + ": " + local.getCause().getMessage(), local.getCause());
                }
                long now = part.size();
                if (now > have || status == 200 && now > 0) {
                    tries.progressed();
                }
                if (tries.left()) {
                    tries.pause(Optional.empty(), "connection broke after " + now + " bytes: " + Answers.describe(e), listener);
                    continue;
                }
                throw Answers.network(exchange.collection(), e);
            }
            long total = remote.size() >= 0 ? remote.size() : offset + copied;
            if (offset + copied < total) {
                // the body ended early without an error: resume like after a cut connection
                if (tries.left()) {
                    if (copied > 0) {
                        tries.progressed();
                    }
                    tries.pause(Optional.empty(), "the body ended after " + (offset + copied) + " of " + total + " bytes", listener);
                    continue;
                }
                throw ClientException.of(ClientException.Kind.NETWORK, "The body ended after " + (offset + copied) + " of " + total + " bytes", null);
            }
            listener.finished();
            part.verifyAndPublish(remote);
            return remote;
        }
    }

    private long copy(InputStream body, PartialFile part, long offset, TransferListener listener) throws IOException {
        long copied = 0;
        long started = System.nanoTime();
        try (InputStream in = body;
             FileChannel out = part.openAt(offset)) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                try {
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                } catch (IOException e) {
                    throw new PartialFile.LocalWriteException(e);
                }
                copied += n;
                listener.transferred(n);
                throttle(copied, started);
            }
            out.force(false);
        }
        return copied;
    }

    /** Sleeps as needed to stay under {@code bytesPerSecond} (0: unlimited). */
    private void throttle(long copied, long startedNanos) throws IOException {
        if (bytesPerSecond <= 0) {
            return;
        }
        long dueNanos = startedNanos + copied * 1_000_000_000L / bytesPerSecond;
        long ahead = dueNanos - System.nanoTime();
        if (ahead > 0) {
            try {
                sleeper.sleep(Duration.ofNanos(ahead));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    private static long rangeStart(HttpResponse<?> response, long expected) {
        Optional<String> range = response.headers().firstValue("Content-Range");
        if (range.isEmpty()) {
            return -1;
        }
        Matcher m = CONTENT_RANGE.matcher(range.get());
        if (!m.find() || Long.parseLong(m.group(1)) != expected) {
            return -1;
        }
        return expected;
    }

    private static void drain(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the answer is discarded anyway
        }
    }

    private static String readError(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}

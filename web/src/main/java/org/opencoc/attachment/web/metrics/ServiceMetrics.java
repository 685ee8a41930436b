package org.opencoc.attachment.web.metrics;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The service's application metrics, as Prometheus shows them on {@code /metrics} (every line also
 * carries {@code mp_scope="application"}):
 * <ul>
 * <li>{@code coc_uploads_total{outcome,status}}, {@code coc_downloads_total{outcome,status}}: finished
 * upload calls (both upload operations) and download calls ({@code GET} and {@code HEAD}), with
 * {@code outcome} {@code success} (status below 400), {@code client_error} (4xx) or
 * {@code server_error} (5xx) and the HTTP {@code status};</li>
 * <li>{@code coc_upload_bytes_total}: bytes of attachments stored by uploads;
 * {@code coc_download_bytes_total}: bytes of attachment content sent by downloads (ranges count what
 * was sent);</li>
 * <li>{@code coc_transfers_in_flight{direction}}: uploads and downloads being served now, streaming
 * included (a download until the application has written its last byte; Payara's network layer may
 * still hold bytes a slow client has not read);</li>
 * <li>{@code coc_authorization_decisions_total{outcome}}: IAM decisions, {@code allow},
 * {@code explicit_deny} or {@code implicit_deny};</li>
 * <li>{@code coc_storage_operation_seconds{operation,backend}}: a timer (summary) of every storage-port
 * call, {@code operation} one of {@code stage}, {@code publish}, {@code find}, {@code open},
 * {@code is_ready}, {@code backend} {@code filesystem} or {@code s3}.</li>
 * </ul>
 * Counters are looked up once per tag combination and kept (the registry returns the same counter
 * for the same name and tags, so a race only repeats that lookup), so a request costs a few array or
 * map reads and atomic adds.
 */
@ApplicationScoped
public class ServiceMetrics {

    /** Which way a transfer goes. */
    public enum Direction {
        UPLOAD, DOWNLOAD;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    /** Counters by direction and status (index {@code status}), created on first use; no allocation per call. */
    private final AtomicReferenceArray<Counter> uploadsByStatus = new AtomicReferenceArray<>(600);
    private final AtomicReferenceArray<Counter> downloadsByStatus = new AtomicReferenceArray<>(600);
    private final ConcurrentMap<String, Counter> decisions = new ConcurrentHashMap<>();
    private final AtomicLong uploadsInFlight = new AtomicLong();
    private final AtomicLong downloadsInFlight = new AtomicLong();
    private Counter uploadBytes;
    private Counter downloadBytes;

    @PostConstruct
    void register() {
        uploadBytes = registry.counter(Metadata.builder().withName("coc_upload")
                .withDescription("Bytes of attachments stored by uploads").withUnit(MetricUnits.BYTES).build());
        downloadBytes = registry.counter(Metadata.builder().withName("coc_download")
                .withDescription("Bytes of attachment content sent by downloads").withUnit(MetricUnits.BYTES).build());
        Metadata inFlight = Metadata.builder().withName("coc_transfers_in_flight")
                .withDescription("Uploads and downloads being served now").build();
        registry.gauge(inFlight, uploadsInFlight, AtomicLong::get, new Tag("direction", Direction.UPLOAD.tag()));
        registry.gauge(inFlight, downloadsInFlight, AtomicLong::get, new Tag("direction", Direction.DOWNLOAD.tag()));
    }

    /** A transfer starts being served. */
    public void started(Direction direction) {
        inFlight(direction).incrementAndGet();
    }

    /** A transfer that {@link #started} has answered {@code status} and is done. */
    public void finished(Direction direction, int status) {
        inFlight(direction).decrementAndGet();
        AtomicReferenceArray<Counter> byStatus = direction == Direction.UPLOAD ? uploadsByStatus : downloadsByStatus;
        int index = status >= 0 && status < byStatus.length() ? status : 0;
        Counter counter = byStatus.get(index);
        if (counter == null) {
            counter = registry.counter(
                    Metadata.builder().withName(direction == Direction.UPLOAD ? "coc_uploads" : "coc_downloads")
                            .withDescription(direction == Direction.UPLOAD ? "Finished upload calls" : "Finished download calls")
                            .build(),
                    new Tag("outcome", outcome(status)), new Tag("status", Integer.toString(status)));
            byStatus.set(index, counter);
        }
        counter.inc();
    }

    /** An upload stored {@code bytes}. */
    public void uploaded(long bytes) {
        uploadBytes.inc(bytes);
    }

    /** A download sent {@code bytes} of content. */
    public void downloaded(long bytes) {
        if (bytes > 0) {
            downloadBytes.inc(bytes);
        }
    }

    /** An authorization decision: {@code allow}, {@code explicit_deny} or {@code implicit_deny}. */
    public void decided(String outcome) {
        decisions.computeIfAbsent(outcome, key -> registry.counter(
                Metadata.builder().withName("coc_authorization_decisions")
                        .withDescription("IAM authorization decisions").build(),
                new Tag("outcome", key))).inc();
    }

    /** The timer of one storage operation on one backend. */
    Timer storageTimer(String operation, String backend) {
        return registry.timer(Metadata.builder().withName("coc_storage_operation")
                        .withDescription("Latency of storage-port calls").withUnit(MetricUnits.NANOSECONDS).build(),
                new Tag("operation", operation), new Tag("backend", backend));
    }

    static String outcome(int status) {
        return status < 400 ? "success" : status < 500 ? "client_error" : "server_error";
    }

    private AtomicLong inFlight(Direction direction) {
        return direction == Direction.UPLOAD ? uploadsInFlight : downloadsInFlight;
    }

    /** Records {@code elapsed} on {@code timer}. */
    static void record(Timer timer, long startNanos) {
        timer.update(Duration.ofNanos(System.nanoTime() - startNanos));
    }
}

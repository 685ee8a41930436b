package org.opencoc.attachment.web.metrics;

import java.io.InputStream;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.Timer;
import org.opencoc.attachment.model.AttachmentMetadata;
import org.opencoc.attachment.model.DocId;
import org.opencoc.attachment.storage.AttachmentStore;
import org.opencoc.attachment.storage.StagedFile;

/**
 * Times every call of the storage port ({@code coc_storage_operation_seconds{operation,backend}}) by
 * wrapping the configured adapter in a decorator, so neither adapter knows about metrics. A call that
 * throws is timed too. {@code open} is timed until the stream is open, not while it is read;
 * {@code stage} includes reading the upload from the client.
 *
 * <p>The decorator is a plain class, not a dynamic proxy: a download calls the port twice, and a proxy
 * costs a reflective call and a map lookup each time (about 3% of the CPU of a small download in the
 * JFR profile). A method added to the port cannot be forgotten here: the class stops compiling.
 */
@ApplicationScoped
public class StorageMetrics {

    @Inject
    ServiceMetrics metrics;

    /** {@code store} with every port call timed under {@code backend}; closing it closes {@code store}. */
    public AttachmentStore timed(String backend, AttachmentStore store) {
        return new Timed(store, backend, metrics);
    }

    /** {@code isReady} becomes {@code is_ready}. */
    static String operation(String methodName) {
        return methodName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static final class Timed implements AttachmentStore, AutoCloseable {

        private final AttachmentStore delegate;
        private final Timer stage;
        private final Timer publish;
        private final Timer find;
        private final Timer open;
        private final Timer isReady;

        Timed(AttachmentStore delegate, String backend, ServiceMetrics metrics) {
            this.delegate = delegate;
            stage = metrics.storageTimer(operation("stage"), backend);
            publish = metrics.storageTimer(operation("publish"), backend);
            find = metrics.storageTimer(operation("find"), backend);
            open = metrics.storageTimer(operation("open"), backend);
            isReady = metrics.storageTimer(operation("isReady"), backend);
        }

        @Override
        public StagedFile stage(InputStream content, long maxBytes) {
            long start = System.nanoTime();
            try {
                return delegate.stage(content, maxBytes);
            } finally {
                ServiceMetrics.record(stage, start);
            }
        }

        @Override
        public void publish(StagedFile staged, AttachmentMetadata metadata) {
            long start = System.nanoTime();
            try {
                delegate.publish(staged, metadata);
            } finally {
                ServiceMetrics.record(publish, start);
            }
        }

        @Override
        public Optional<AttachmentMetadata> find(DocId docId) {
            long start = System.nanoTime();
            try {
                return delegate.find(docId);
            } finally {
                ServiceMetrics.record(find, start);
            }
        }

        @Override
        public InputStream open(AttachmentMetadata attachment, long offset, long length) {
            long start = System.nanoTime();
            try {
                return delegate.open(attachment, offset, length);
            } finally {
                ServiceMetrics.record(open, start);
            }
        }

        @Override
        public boolean isReady() {
            long start = System.nanoTime();
            try {
                return delegate.isReady();
            } finally {
                ServiceMetrics.record(isReady, start);
            }
        }

        @Override
        public void close() throws Exception {
            if (delegate instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }

        @Override
        public String toString() {
            return "timed " + delegate;
        }
    }
}

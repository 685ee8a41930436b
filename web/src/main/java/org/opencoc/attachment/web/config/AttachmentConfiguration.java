package org.opencoc.attachment.web.config;

import java.nio.file.Path;
import java.time.Clock;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opencoc.attachment.model.DocId;
import org.opencoc.attachment.storage.AttachmentStore;
import org.opencoc.attachment.storage.filesystem.FilesystemAttachmentStore;
import org.opencoc.attachment.upload.AttachmentUploader;
import org.opencoc.attachment.upload.ContentTypeVerifier;
import org.opencoc.attachment.upload.UploadRules;

/**
 * Turns MicroProfile Config into the application's singletons (environment variables override, e.g.
 * {@code COC_STORAGE_FILESYSTEM_ROOT}):
 * <ul>
 * <li>{@code coc.storage.type}: {@code filesystem} (default);</li>
 * <li>{@code coc.storage.filesystem.root}: the storage directory, default {@code ./data};</li>
 * <li>{@code coc.upload.max-bytes}: the largest upload, default 10485760 (10 MiB);</li>
 * <li>{@code coc.upload.allowed-extensions}: default {@code jpg,jpeg,png,docx,txt,pdf}.</li>
 * </ul>
 * A bad value stops the deployment with a message naming the key. The products are plain
 * {@code @Singleton}s: immutable or thread-safe, and not proxied on the hot path.
 */
@ApplicationScoped
public class AttachmentConfiguration {

    private static final Logger LOG = Logger.getLogger(AttachmentConfiguration.class.getName());

    @Inject
    @ConfigProperty(name = "coc.storage.type", defaultValue = "filesystem")
    String storageType;

    @Inject
    @ConfigProperty(name = "coc.storage.filesystem.root", defaultValue = "data")
    String filesystemRoot;

    @Inject
    @ConfigProperty(name = "coc.upload.max-bytes", defaultValue = "10485760")
    long maxBytes;

    @Inject
    @ConfigProperty(name = "coc.upload.allowed-extensions", defaultValue = UploadRules.DEFAULT_EXTENSIONS)
    String allowedExtensions;

    @Produces
    @Singleton
    AttachmentStore attachmentStore() {
        if (!"filesystem".equals(storageType)) {
            throw new IllegalStateException("coc.storage.type must be 'filesystem', was '" + storageType + "'");
        }
        Path root = Path.of(filesystemRoot).toAbsolutePath().normalize();
        LOG.info(() -> "Attachments are stored on the filesystem under " + root);
        return new FilesystemAttachmentStore(root);
    }

    @Produces
    @Singleton
    UploadRules uploadRules() {
        try {
            return UploadRules.of(maxBytes, allowedExtensions);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("coc.upload.max-bytes / coc.upload.allowed-extensions: " + e.getMessage(), e);
        }
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    AttachmentUploader uploader(AttachmentStore store, UploadRules rules, Clock clock) {
        return new AttachmentUploader(store, rules, new ContentTypeVerifier(), clock, DocId::random);
    }
}

package org.opencoc.attachment.web.config;

import java.nio.file.Path;
import java.time.Clock;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opencoc.attachment.config.ConfigNames;
import org.opencoc.attachment.model.DocId;
import org.opencoc.attachment.storage.AttachmentStore;
import org.opencoc.attachment.storage.MetadataCachingStore;
import org.opencoc.attachment.storage.filesystem.FilesystemAttachmentStore;
import org.opencoc.attachment.storage.s3.S3AttachmentStore;
import org.opencoc.attachment.storage.s3.S3Settings;
import org.opencoc.attachment.upload.AttachmentUploader;
import org.opencoc.attachment.upload.ContentTypeVerifier;
import org.opencoc.attachment.upload.UploadRules;
import org.opencoc.attachment.web.metrics.StorageMetrics;

/**
 * Turns MicroProfile Config into the application's singletons: the store (filesystem or S3, behind the
 * metadata cache and the storage metrics), the upload rules and the uploader. The keys and their
 * defaults are {@link ConfigNames}' (storage, metadata cache, uploads) and {@link S3Properties}'
 * ({@code coc.storage.s3.*}). A bad value stops the deployment with a message naming the key. The products are plain
 * {@code @Singleton}s: immutable or thread-safe, and not proxied on the hot path.
 */
@ApplicationScoped
public class AttachmentConfiguration {

    private static final Logger LOG = Logger.getLogger(AttachmentConfiguration.class.getName());

    @Inject
    @ConfigProperty(name = ConfigNames.STORAGE_TYPE, defaultValue = ConfigNames.STORAGE_TYPE_DEFAULT)
    String storageType;

    @Inject
    @ConfigProperty(name = ConfigNames.FILESYSTEM_ROOT, defaultValue = ConfigNames.FILESYSTEM_ROOT_DEFAULT)
    String filesystemRoot;

    @Inject
    @ConfigProperty(name = ConfigNames.METADATA_CACHE_MAX_ENTRIES,
            defaultValue = "" + ConfigNames.METADATA_CACHE_MAX_ENTRIES_DEFAULT)
    int metadataCacheEntries;

    @Inject
    @ConfigProperty(name = ConfigNames.METADATA_CACHE_MAX_BYTES,
            defaultValue = "" + ConfigNames.METADATA_CACHE_MAX_BYTES_DEFAULT)
    long metadataCacheBytes;

    @Inject
    @ConfigProperty(name = ConfigNames.UPLOAD_MAX_BYTES, defaultValue = "" + ConfigNames.UPLOAD_MAX_BYTES_DEFAULT)
    long maxBytes;

    @Inject
    @ConfigProperty(name = ConfigNames.UPLOAD_ALLOWED_EXTENSIONS,
            defaultValue = ConfigNames.UPLOAD_ALLOWED_EXTENSIONS_DEFAULT)
    String allowedExtensions;

    @Inject
    @ConfigProperties
    S3Properties s3Properties;

    @Produces
    @Singleton
    AttachmentStore attachmentStore(StorageMetrics storageMetrics) {
        return storageMetrics.timed(storageType, cached(backend()));
    }

    /** The backend behind the metadata cache; the metrics time calls of the port, hits included. */
    private AttachmentStore cached(AttachmentStore backend) {
        if (metadataCacheEntries < 0 || metadataCacheBytes < 0) {
            throw new IllegalStateException(ConfigNames.METADATA_CACHE_MAX_ENTRIES + " / " + ConfigNames.METADATA_CACHE_MAX_BYTES
                    + " must not be negative, were "
                    + metadataCacheEntries + " / " + metadataCacheBytes);
        }
        if (metadataCacheEntries == 0 || metadataCacheBytes == 0) {
            LOG.info("Attachment metadata is read from the store on every download (metadata cache off)");
            return backend;
        }
        MetadataCachingStore cached = new MetadataCachingStore(backend, metadataCacheEntries, metadataCacheBytes);
        LOG.info(cached::toString);
        return cached;
    }

    private AttachmentStore backend() {
        return switch (storageType) {
            case "filesystem" -> {
                Path root = Path.of(filesystemRoot).toAbsolutePath().normalize();
                LOG.info(() -> "Attachments are stored on the filesystem under " + root);
                yield new FilesystemAttachmentStore(root);
            }
            case "s3" -> {
                S3Settings settings = s3Properties.toSettings();
                LOG.info(() -> "Attachments are stored in S3: " + settings);
                yield new S3AttachmentStore(settings);
            }
            default -> throw new IllegalStateException(
                    ConfigNames.STORAGE_TYPE + " must be 'filesystem' or 's3', was '" + storageType + "'");
        };
    }

    void closeStore(@Disposes AttachmentStore store) throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Produces
    @Singleton
    UploadRules uploadRules() {
        try {
            return UploadRules.of(maxBytes, allowedExtensions);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(ConfigNames.UPLOAD_MAX_BYTES + " / " + ConfigNames.UPLOAD_ALLOWED_EXTENSIONS + ": " + e.getMessage(), e);
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

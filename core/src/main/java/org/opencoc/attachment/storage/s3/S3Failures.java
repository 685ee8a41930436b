package org.opencoc.attachment.storage.s3;

import java.net.ConnectException;
import java.net.UnknownHostException;

import org.opencoc.attachment.error.AttachmentException;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What a failed request to the store means to the port's callers: the one place where SDK exceptions
 * become {@link AttachmentException}s (a store failure is {@code STORAGE_UNAVAILABLE}, a missing object
 * {@code NOT_FOUND}) or a damaged object's {@link IllegalStateException}, so no SDK type leaves the
 * adapter.
 */
final class S3Failures {

    private S3Failures() {
    }

    /** The failure of a PutObject: the store is unavailable, whatever it answered. */
    static AttachmentException ofUpload(SdkException e) {
        return AttachmentException.storageUnavailable(e);
    }

    /**
     * The failure of a request that reads the object {@code key}: a missing object is
     * {@code NOT_FOUND}, a range past its end means the object is shorter than its metadata (damage),
     * anything else is {@code STORAGE_UNAVAILABLE}.
     */
    static RuntimeException ofRead(SdkException e, String key) {
        if (isMissingObject(e)) {
            return AttachmentException.notFound();
        }
        if (e instanceof S3Exception s3 && s3.statusCode() == 416) {
            return damaged(key, "is shorter than its metadata says", e);
        }
        return AttachmentException.storageUnavailable(e);
    }

    /** Whether {@code e} says the object does not exist (a missing <em>bucket</em> is a store failure). */
    static boolean isMissingObject(SdkException e) {
        // HeadObject has no body, so a 404 carries no error code
        return e instanceof S3Exception s3 && s3.statusCode() == 404 && !"NoSuchBucket".equals(errorCode(s3));
    }

    /** An object that contradicts its own metadata: {@code "Damaged attachment: object <key> <problem>"}. */
    static IllegalStateException damaged(String key, String problem) {
        return damaged(key, problem, null);
    }

    /** Whether the request failed before a connection to the store was made, so nothing can have been stored. */
    static boolean neverReachedTheStore(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private static IllegalStateException damaged(String key, String problem, Throwable cause) {
        return new IllegalStateException("Damaged attachment: object " + key + " " + problem, cause);
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }
}

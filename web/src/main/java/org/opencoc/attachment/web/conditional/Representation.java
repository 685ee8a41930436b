package org.opencoc.attachment.web.conditional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The validators and size of a stored representation.
 *
 * @param entityTag the strong entity tag with its quotes, e.g. {@code "sha256-<hex>"}; a weak or
 *     malformed tag is rejected
 * @param lastModified the modification time; truncated to whole seconds here, because HTTP-dates have
 *     second precision and every comparison (and the {@code Last-Modified} header) must use the same value
 * @param length the size in bytes, zero or more
 */
public record Representation(String entityTag, Instant lastModified, long length) {

    public Representation {
        if (!EntityTags.isStrongTag(entityTag)) {
            throw new IllegalArgumentException("not a strong entity tag: " + entityTag);
        }
        lastModified = Objects.requireNonNull(lastModified, "lastModified").truncatedTo(ChronoUnit.SECONDS);
        if (length < 0) {
            throw new IllegalArgumentException("negative length: " + length);
        }
    }

    /** The {@code Last-Modified} header value (IMF-fixdate). */
    public String lastModifiedHeader() {
        return HttpDate.format(lastModified);
    }
}

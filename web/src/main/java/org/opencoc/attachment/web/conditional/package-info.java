/**
 * Conditional and range request evaluation for downloads (RFC 9110 §13, §14), as plain Java without
 * JAX-RS types.
 *
 * <p>The resource builds a {@link org.opencoc.attachment.web.conditional.ConditionalRequest} from the raw
 * header values and a {@link org.opencoc.attachment.web.conditional.Representation} from the stored
 * metadata, calls
 * {@link org.opencoc.attachment.web.conditional.ConditionalEvaluator#evaluate(ConditionalRequest, Representation, java.time.Instant)
 * ConditionalEvaluator.evaluate} with the current time, and maps the sealed
 * {@link org.opencoc.attachment.web.conditional.Outcome} to 200, 206 (with {@code Content-Range}), 304,
 * 412 or 416 (with {@code Content-Range: bytes *}{@code /<length>}).
 * {@link org.opencoc.attachment.web.conditional.HttpDate} formats {@code Last-Modified} and parses all
 * three HTTP-date formats.
 *
 * <p>Choices where the RFC leaves room: several ranges are answered with the whole representation
 * (200, no {@code multipart/byteranges}); HEAD ignores {@code Range}; a zero-length representation
 * ignores {@code Range}; an {@code If-Range} date never matches; a malformed {@code Range} or another unit
 * is ignored; a malformed entity-tag list matches nothing; invalid or (for {@code If-Modified-Since})
 * future dates are ignored. Nothing here throws for bad header values.
 */
package org.opencoc.attachment.web.conditional;

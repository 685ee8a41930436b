package org.opencoc.attachment.web.conditional;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides the answer to a GET or HEAD of a stored representation from its conditional and range
 * headers, in the order of RFC 9110 §13.2.2, then §14 for the range.
 */
public final class ConditionalEvaluator {

    private ConditionalEvaluator() {
    }

    /**
     * Evaluates, in this order:
     * <ol>
     *   <li>{@code If-Match}: {@code *} passes; otherwise 412 unless a listed strong tag strongly
     *       matches (a {@code W/} tag never does; a malformed list matches nothing, so it fails). When
     *       present, {@code If-Unmodified-Since} is not looked at.</li>
     *   <li>{@code If-Unmodified-Since}: 412 if the representation was modified after the date.</li>
     *   <li>{@code If-None-Match}: {@code *} or a listed tag matching by weak comparison gives 304.
     *       When present, {@code If-Modified-Since} is not looked at.</li>
     *   <li>{@code If-Modified-Since}: 304 if the representation was not modified after the date. A
     *       date later than {@code now} is ignored (RFC 9110 §13.1.3), as an unsynchronized or
     *       forged clock could otherwise pin a stale copy.</li>
     *   <li>{@code Range}, for GET only: HEAD answers with the headers of the whole representation
     *       (no 206 or 416 for HEAD), and a zero-length representation ignores Range. {@code If-Range}
     *       keeps the range only if it is exactly the strong entity tag; a weak tag, another tag, an
     *       HTTP-date (never treated as a strong validator here) or anything malformed means the whole
     *       representation. See {@link ByteRanges} for the range forms.</li>
     * </ol>
     * Invalid HTTP-dates are ignored, as if the header were absent.
     *
     * @param request the method and raw conditional headers
     * @param representation the stored representation's validators and length
     * @param now the current time (from the injected {@code Clock}); used to ignore a future
     *     {@code If-Modified-Since} and to read two-digit years
     * @return the outcome; never {@code null}
     */
    public static Outcome evaluate(ConditionalRequest request, Representation representation, Instant now) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(representation, "representation");
        Objects.requireNonNull(now, "now");
        String entityTag = representation.entityTag();
        Instant lastModified = representation.lastModified();

        String ifMatch = request.ifMatch();
        if (ifMatch != null) {
            if (!EntityTags.isWildcard(ifMatch) && !EntityTags.listMatches(ifMatch, entityTag, false)) {
                return Outcome.PRECONDITION_FAILED;
            }
        } else if (request.ifUnmodifiedSince() != null) {
            Optional<Instant> date = HttpDate.parse(request.ifUnmodifiedSince(), now);
            if (date.isPresent() && lastModified.isAfter(date.get())) {
                return Outcome.PRECONDITION_FAILED;
            }
        }

        String ifNoneMatch = request.ifNoneMatch();
        if (ifNoneMatch != null) {
            if (EntityTags.isWildcard(ifNoneMatch) || EntityTags.listMatches(ifNoneMatch, entityTag, true)) {
                return Outcome.NOT_MODIFIED;
            }
        } else if (request.ifModifiedSince() != null) {
            Optional<Instant> date = HttpDate.parse(request.ifModifiedSince(), now);
            if (date.isPresent() && !date.get().isAfter(now) && !lastModified.isAfter(date.get())) {
                return Outcome.NOT_MODIFIED;
            }
        }

        String range = request.range();
        if (range == null
                || request.method() != ConditionalRequest.Method.GET
                || representation.length() == 0
                || (request.ifRange() != null && !EntityTags.strongMatch(request.ifRange(), entityTag))) {
            return Outcome.FULL;
        }
        return ByteRanges.evaluate(range, representation.length());
    }
}

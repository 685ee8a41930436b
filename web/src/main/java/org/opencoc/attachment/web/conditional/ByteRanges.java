package org.opencoc.attachment.web.conditional;

/**
 * Evaluates a {@code Range} header against a representation length (RFC 9110 §14.1.2, §14.2).
 *
 * <p>Only a single {@code bytes} range is served: {@code a-b} (end clamped to the last byte),
 * {@code a-} and the suffix {@code -n} (more than the length means the whole representation, as a 206).
 * The unit is case-insensitive; OWS is allowed around each range-spec and empty list elements are
 * skipped, but not inside a range-spec or around {@code =}.
 *
 * <p>Decimal positions beyond {@link Long#MAX_VALUE} are valid syntax and saturate to it: such a
 * first-pos is beyond any representation (416), such a last-pos is clamped, such a suffix means the
 * whole representation. Another unit, a malformed value (including {@code a > b}) or more than one
 * range is ignored: {@link Outcome#FULL}.
 */
final class ByteRanges {

    private static final String BYTES = "bytes";

    private ByteRanges() {
    }

    /**
     * The outcome of {@code Range: value} for a representation of {@code length > 0} bytes:
     * {@link Outcome.Partial}, {@link Outcome.RangeNotSatisfiable}, or {@link Outcome#FULL} when the
     * header is ignored.
     */
    static Outcome evaluate(String value, long length) {
        int n = value.length();
        int unitStart = Ows.skip(value, 0, n);
        int equals = value.indexOf('=', unitStart);
        if (equals - unitStart != BYTES.length() || !value.regionMatches(true, unitStart, BYTES, 0, BYTES.length())) {
            return Outcome.FULL;
        }
        int specStart = -1;
        int specEnd = -1;
        int i = equals + 1;
        while (i <= n) {
            int comma = value.indexOf(',', i);
            int elementEnd = comma < 0 ? n : comma;
            int start = Ows.skip(value, i, elementEnd);
            int end = Ows.trimEnd(value, start, elementEnd);
            if (start < end) {
                if (specStart >= 0) {
                    return Outcome.FULL; // several ranges: we send the whole representation instead
                }
                specStart = start;
                specEnd = end;
            }
            i = elementEnd + 1;
        }
        return specStart < 0 ? Outcome.FULL : rangeSpec(value, specStart, specEnd, length);
    }

    private static Outcome rangeSpec(String value, int start, int end, long length) {
        int dash = value.indexOf('-', start);
        if (dash < 0 || dash >= end) {
            return Outcome.FULL;
        }
        if (dash == start) {
            long suffixLength = digits(value, dash + 1, end);
            if (suffixLength < 0) {
                return Outcome.FULL;
            }
            if (suffixLength == 0) {
                return new Outcome.RangeNotSatisfiable(length);
            }
            return new Outcome.Partial(length - Math.min(suffixLength, length), length - 1, length);
        }
        long first = digits(value, start, dash);
        if (first < 0) {
            return Outcome.FULL;
        }
        long last = Long.MAX_VALUE;
        if (dash + 1 < end) {
            last = digits(value, dash + 1, end);
            if (last < 0 || first > last) {
                return Outcome.FULL;
            }
        }
        if (first >= length) {
            return new Outcome.RangeNotSatisfiable(length);
        }
        return new Outcome.Partial(first, Math.min(last, length - 1), length);
    }

    /** {@code 1*DIGIT} in {@code [from, end)} saturated at {@link Long#MAX_VALUE}, or -1 if not digits. */
    private static long digits(String value, int from, int end) {
        if (from >= end) {
            return -1;
        }
        long result = 0;
        for (int i = from; i < end; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            int digit = c - '0';
            result = result > (Long.MAX_VALUE - digit) / 10 ? Long.MAX_VALUE : result * 10 + digit;
        }
        return result;
    }
}

package org.opencoc.attachment.web.conditional;

/**
 * Entity-tag syntax and comparison (RFC 9110 §8.8.3), scanning header values in place without
 * allocating.
 *
 * <p>Grammar: {@code entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE}, {@code etagc = %x21 / %x23-7E /
 * obs-text}. A list ({@code #entity-tag}) tolerates OWS around commas and empty elements; a list with
 * any malformed element matches nothing, even if it also names the tag.
 */
final class EntityTags {

    private EntityTags() {
    }

    /** Whether {@code value} is a strong entity tag, quotes included. */
    static boolean isStrongTag(String value) {
        return value != null
                && value.length() >= 2
                && value.charAt(0) == '"'
                && closingQuote(value, 1, value.length()) == value.length() - 1;
    }

    /** Whether a header value is the wildcard {@code *} (surrounding OWS allowed). */
    static boolean isWildcard(String value) {
        int start = Ows.skip(value, 0, value.length());
        int end = Ows.trimEnd(value, start, value.length());
        return end - start == 1 && value.charAt(start) == '*';
    }

    /**
     * Whether {@code value} is exactly the strong tag {@code strongTag} (surrounding OWS allowed): the
     * strong comparison of a single tag, as {@code If-Range} needs. A weak tag, another tag, a list, a
     * date or anything malformed does not match.
     */
    static boolean strongMatch(String value, String strongTag) {
        int start = Ows.skip(value, 0, value.length());
        int end = Ows.trimEnd(value, start, value.length());
        return end - start == strongTag.length() && value.startsWith(strongTag, start);
    }

    /**
     * Whether the list {@code value} contains {@code strongTag}. With {@code weak} comparison a listed
     * {@code W/} tag with the same opaque tag matches too; with strong comparison it never does.
     * A malformed list matches nothing.
     */
    static boolean listMatches(String value, String strongTag, boolean weak) {
        int n = value.length();
        boolean matched = false;
        int i = 0;
        while (true) {
            i = Ows.skip(value, i, n);
            if (i == n) {
                return matched;
            }
            if (value.charAt(i) == ',') {
                i++;
                continue;
            }
            boolean weakTag = value.startsWith("W/", i);
            int open = weakTag ? i + 2 : i;
            if (open >= n || value.charAt(open) != '"') {
                return false;
            }
            int close = closingQuote(value, open + 1, n);
            if (close < 0) {
                return false;
            }
            int length = close - open + 1;
            if ((weak || !weakTag) && length == strongTag.length() && value.startsWith(strongTag, open)) {
                matched = true;
            }
            i = Ows.skip(value, close + 1, n);
            if (i < n && value.charAt(i) != ',') {
                return false;
            }
        }
    }

    /** Index of the DQUOTE ending an opaque tag whose characters start at {@code from}, or -1. */
    private static int closingQuote(String value, int from, int end) {
        for (int i = from; i < end; i++) {
            char c = value.charAt(i);
            if (c == '"') {
                return i;
            }
            if (!isEtagc(c)) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean isEtagc(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
    }
}

package org.opencoc.attachment.web.conditional;

/** Optional whitespace ({@code OWS = *( SP / HTAB )}, RFC 9110 §5.6.3) around header list elements. */
final class Ows {

    private Ows() {
    }

    /** The first index in {@code [from, end)} that is not OWS, or {@code end}. */
    static int skip(String value, int from, int end) {
        int i = from;
        while (i < end && isOws(value.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The end (exclusive) of {@code [from, end)} with trailing OWS removed. */
    static int trimEnd(String value, int from, int end) {
        int i = end;
        while (i > from && isOws(value.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }
}

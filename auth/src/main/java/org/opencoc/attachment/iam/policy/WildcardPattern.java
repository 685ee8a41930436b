package org.opencoc.attachment.iam.policy;

/**
 * A glob with {@code *} (any run of characters, also empty) and {@code ?} (exactly one character),
 * matched by hand so that no text from a policy ever reaches a regular expression engine. There is no
 * escape syntax. Matching is case-sensitive; callers fold case on both sides when they need otherwise.
 * Worst case O(pattern x input); literals, {@code *} and {@code prefix*} take a fast path.
 */
final class WildcardPattern {

    private enum Shape { LITERAL, ANY, PREFIX, GLOB }

    private final String pattern;
    private final Shape shape;
    private final String prefix;

    private WildcardPattern(String pattern) {
        this.pattern = pattern;
        int star = pattern.indexOf('*');
        boolean hasQuestion = pattern.indexOf('?') >= 0;
        if (star < 0 && !hasQuestion) {
            shape = Shape.LITERAL;
            prefix = pattern;
        } else if (!hasQuestion && pattern.chars().allMatch(c -> c == '*')) {
            shape = Shape.ANY;
            prefix = "";
        } else if (!hasQuestion && star == pattern.length() - 1) {
            shape = Shape.PREFIX;
            prefix = pattern.substring(0, star);
        } else {
            shape = Shape.GLOB;
            prefix = "";
        }
    }

    static WildcardPattern compile(String pattern) {
        return new WildcardPattern(pattern);
    }

    String pattern() {
        return pattern;
    }

    boolean matches(String input) {
        switch (shape) {
            case LITERAL:
                return pattern.equals(input);
            case ANY:
                return true;
            case PREFIX:
                return input.startsWith(prefix);
            default:
                return glob(pattern, input);
        }
    }

    private static boolean glob(String p, String s) {
        int pi = 0;
        int si = 0;
        int star = -1;
        int mark = 0;
        while (si < s.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == s.charAt(si))) {
                pi++;
                si++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = si;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    @Override
    public String toString() {
        return pattern;
    }
}

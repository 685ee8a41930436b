package org.opencoc.attachment.web.grizzly;

/**
 * The checks the web container makes of a request path before it maps it to an application
 * ({@code CoyoteAdapter.postParseRequest} and {@code normalize}, and the decoding in Payara's
 * {@code ContainerMapper}), made earlier so that their refusals can carry the envelope: a
 * percent-escape that is not two hex digits, a NUL, a backslash (raw or encoded) and a {@code ..}
 * that climbs above the root. An encoded slash is left to the container and the application.
 */
final class RequestPathCheck {

    private RequestPathCheck() {
    }

    /** Why {@code path} (the request target's path, still percent-encoded) is refused, or null. */
    static String problem(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return "The request path must start with '/'.";
        }
        if (path.indexOf('%') < 0 && path.indexOf('\\') < 0 && path.indexOf('\0') < 0 && !path.contains("/..")) {
            return null; // every path the API serves: nothing to decode, nothing that could climb
        }
        int depth = 0;
        StringBuilder segment = new StringBuilder();
        for (int i = 1; i <= path.length(); i++) {
            char c = i < path.length() ? path.charAt(i) : '/';
            if (c == '%') {
                int value = i + 2 < path.length() ? hex(path.charAt(i + 1), path.charAt(i + 2)) : -1;
                if (value < 0) {
                    return "The request path has a malformed percent-escape.";
                }
                i += 2;
                if (value == '/') {
                    segment.append("%2F"); // an encoded slash stays inside its segment
                    continue;
                }
                c = (char) value;
            } else if (c == '/') {
                String name = segment.toString();
                segment.setLength(0);
                if (name.equals("..")) {
                    depth--;
                    if (depth < 0) {
                        return "The request path climbs above the root.";
                    }
                } else if (!name.isEmpty() && !name.equals(".")) {
                    depth++;
                }
                continue;
            }
            if (c == 0) {
                return "The request path contains a NUL character.";
            }
            if (c == '\\') {
                return "The request path contains a backslash.";
            }
            segment.append(c);
        }
        return null;
    }

    private static int hex(char high, char low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }
}

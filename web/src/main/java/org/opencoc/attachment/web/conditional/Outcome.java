package org.opencoc.attachment.web.conditional;

/**
 * What to answer to a GET or HEAD of a stored representation, as decided by
 * {@link ConditionalEvaluator#evaluate(ConditionalRequest, Representation, java.time.Instant)}.
 *
 * <p>The component-less outcomes are available as shared constants ({@link #FULL},
 * {@link #NOT_MODIFIED}, {@link #PRECONDITION_FAILED}) so the hot path does not allocate them; compare
 * outcomes with {@code instanceof} or {@code equals}, not identity.
 */
public sealed interface Outcome {

    /** 200 with the whole representation. */
    Full FULL = new Full();

    /** 304: the client's copy is current. */
    NotModified NOT_MODIFIED = new NotModified();

    /** 412: a precondition ({@code If-Match} or {@code If-Unmodified-Since}) is false. */
    PreconditionFailed PRECONDITION_FAILED = new PreconditionFailed();

    /** The HTTP status code of this outcome. */
    int status();

    /** 200: send the whole representation (for HEAD, its headers only). */
    record Full() implements Outcome {
        @Override
        public int status() {
            return 200;
        }
    }

    /**
     * 206: send the bytes {@code first..last} (both inclusive, zero-based) of a representation of
     * {@code completeLength} bytes.
     *
     * <p>Construction fails with {@link IllegalArgumentException} unless
     * {@code 0 <= first <= last < completeLength}.
     */
    record Partial(long first, long last, long completeLength) implements Outcome {
        public Partial {
            if (first < 0 || first > last || last >= completeLength) {
                throw new IllegalArgumentException(
                        "not a satisfiable byte range: " + first + "-" + last + "/" + completeLength);
            }
        }

        @Override
        public int status() {
            return 206;
        }

        /** The {@code Content-Length} of the 206 response: {@code last - first + 1}. */
        public long contentLength() {
            return last - first + 1;
        }

        /** The {@code Content-Range} value, {@code bytes <first>-<last>/<completeLength>}. */
        public String contentRange() {
            return "bytes " + first + "-" + last + "/" + completeLength;
        }
    }

    /** 304: answer without a body, repeating the {@code ETag} (and {@code Last-Modified}). */
    record NotModified() implements Outcome {
        @Override
        public int status() {
            return 304;
        }
    }

    /** 412: answer with the precondition-failed error. */
    record PreconditionFailed() implements Outcome {
        @Override
        public int status() {
            return 412;
        }
    }

    /**
     * 416: the single requested range starts at or beyond the end of a representation of
     * {@code completeLength} bytes (or is the empty suffix {@code -0}).
     *
     * <p>Construction fails with {@link IllegalArgumentException} if {@code completeLength} is negative.
     */
    record RangeNotSatisfiable(long completeLength) implements Outcome {
        public RangeNotSatisfiable {
            if (completeLength < 0) {
                throw new IllegalArgumentException("negative length: " + completeLength);
            }
        }

        @Override
        public int status() {
            return 416;
        }

        /** The {@code Content-Range} value, {@code bytes *}{@code /<completeLength>}. */
        public String contentRange() {
            return "bytes */" + completeLength;
        }
    }
}

/**
 * A small Java client of the attachment API on {@code java.net.http}: upload with
 * {@code Content-Digest}, metadata from {@code HEAD}, and downloads that resume a partial file with
 * {@code Range} + {@code If-Range}, verify {@code Repr-Digest} before the file appears, and retry on
 * 503 (honouring {@code Retry-After}) and on a cut connection.
 *
 * <p>It depends on the JDK, the wire records of {@link org.opencoc.attachment.api} and a JSON-P
 * provider at run time (Parsson), nothing else; {@code bin/coc-attach} is the command line on it.
 */
package org.opencoc.attachment.client;

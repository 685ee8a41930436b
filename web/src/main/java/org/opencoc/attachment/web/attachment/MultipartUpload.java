package org.opencoc.attachment.web.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.core.RequestContext;
import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.model.FileName;
import org.opencoc.attachment.upload.ContentDigest;
import org.opencoc.attachment.upload.Upload;

/**
 * Reads a {@code multipart/form-data} body as a stream with Apache Commons FileUpload, without
 * spooling parts: the {@code file} part is streamed straight into the {@link Upload} as it arrives.
 * Other fields are skipped; a second {@code file} part, a missing one, or a malformed body is a
 * parameter error. The whole body is read up to {@link Upload#maxBodyBytes()}, the file limit plus
 * framing, and no further.
 */
final class MultipartUpload {

    private static final String FILE_FIELD = "file";

    /** An RFC 2231 / RFC 8187 {@code filename*} parameter in a part's Content-Disposition. */
    private static final Pattern EXTENDED_FILENAME = Pattern.compile("(?i)(?:^|;)\\s*filename\\*\\s*=");

    /** The three escapes HTML's multipart/form-data encoding writes into a file name. */
    private static final Pattern HTML_ESCAPE = Pattern.compile("(?i)%22|%0D|%0A");

    private MultipartUpload() {
    }

    /**
     * Streams the body and its one {@code file} part, with the part's name and {@code Content-Digest},
     * into {@code upload}. Throws a parameter error for a body that is not multipart, has no or two
     * {@code file} parts, or is malformed, and a 413 when the body exceeds the file limit plus framing.
     * What was staged before a failure is the upload's to delete (it is closed by its owner).
     */
    static void read(String contentType, long contentLength, InputStream body, Upload upload) {
        var parser = new Parser();
        parser.setHeaderCharset(StandardCharsets.UTF_8);
        parser.setSizeMax(upload.maxBodyBytes());
        parser.setFileCountMax(16);
        RequestContext context = new BodyContext(contentType, contentLength, body);
        if (!AbstractFileUpload.isMultipartContent(context) || contentType.toLowerCase(Locale.ROOT).startsWith("multipart/mixed")) {
            throw AttachmentException.invalidParameter("The body must be multipart/form-data with a 'file' part.");
        }
        boolean received = false;
        try {
            FileItemInputIterator parts = parser.getItemIterator(context);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if (!FILE_FIELD.equals(part.getFieldName())) {
                    drain(part);
                    continue;
                }
                if (received) {
                    throw AttachmentException.invalidParameter("The body must carry exactly one 'file' part.");
                }
                if (part.isFormField() || part.getName() == null) {
                    throw AttachmentException.invalidParameter("The 'file' part must carry a file name.");
                }
                FileName name = FileName.of(submittedName(part.getName(),
                        part.getHeaders().getHeader("Content-Disposition")));
                Optional<ContentDigest> digest = ContentDigest.parse(part.getHeaders().getHeader("Content-Digest"));
                try (InputStream content = part.getInputStream()) {
                    upload.receive(name, digest, content);
                }
                received = true;
            }
        } catch (FileUploadSizeException e) {
            throw AttachmentException.tooLarge(upload.maxFileBytes());
        } catch (FileUploadException e) {
            throw AttachmentException.invalidParameter("The multipart body is malformed.");
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            if (cause instanceof FileUploadSizeException) {
                throw AttachmentException.tooLarge(upload.maxFileBytes());
            }
            throw AttachmentException.invalidParameter("The multipart body is malformed or incomplete.");
        }
        if (!received) {
            throw AttachmentException.invalidParameter("The body must carry a 'file' part.");
        }
    }

    /**
     * The file name as the client meant it. HTML's {@code multipart/form-data} encoding, which every
     * current browser uses, writes {@code "}, CR and LF in a {@code filename} parameter as {@code %22},
     * {@code %0D} and {@code %0A} and leaves every other byte alone (even {@code %}); those three
     * escapes are decoded, as the WHATWG Fetch multipart parser does, so a CR or LF is then refused with
     * the other control characters. Older Firefox sent a quote as the quoted-pair {@code \"}, which
     * FileUpload keeps verbatim and which would otherwise be cut as a Windows path; it is unescaped too
     * ({@code "} cannot occur in a Windows path). An RFC 2231 {@code filename*} parameter, which
     * FileUpload has already decoded and prefers to {@code filename}, is taken as it is.
     */
    static String submittedName(String name, String contentDisposition) {
        if (name == null || contentDisposition != null && EXTENDED_FILENAME.matcher(contentDisposition).find()) {
            return name;
        }
        return HTML_ESCAPE.matcher(name.replace("\\\"", "\"")).replaceAll(escape ->
                switch (escape.group().toUpperCase(Locale.ROOT)) {
                    case "%22" -> "\"";
                    case "%0D" -> "\r";
                    default -> "\n";
                });
    }

    private static void drain(FileItemInput part) throws IOException {
        try (InputStream in = part.getInputStream()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    private record BodyContext(String contentType, long contentLength, InputStream body) implements RequestContext {
        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public long getContentLength() {
            return contentLength;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public InputStream getInputStream() {
            return body;
        }

        @Override
        public boolean isMultipartRelated() {
            return false;
        }
    }

    /**
     * FileUpload's streaming parser over a {@link RequestContext}; the item-list methods, which spool
     * to disk, are deliberately not offered.
     */
    private static final class Parser extends AbstractFileUpload<BodyContext, DiskFileItem, DiskFileItemFactory> {
        @Override
        public FileItemInputIterator getItemIterator(BodyContext request) throws FileUploadException, IOException {
            return super.getItemIterator((RequestContext) request);
        }

        @Override
        public Map<String, List<DiskFileItem>> parseParameterMap(BodyContext request) {
            throw new UnsupportedOperationException("parts are streamed, never spooled");
        }

        @Override
        public List<DiskFileItem> parseRequest(BodyContext request) {
            throw new UnsupportedOperationException("parts are streamed, never spooled");
        }
    }
}

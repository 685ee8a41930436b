package org.opencoc.attachment.upload;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.model.FileName;

/**
 * Checks that a file's content is what its name says, with Apache Tika's detection (magic numbers,
 * and its plain-text heuristic for {@code .txt}).
 *
 * <p>The content must be recognised on its own (binary noise named {@code .txt} is refused), and the
 * type detected from content and name together must be the type the extension stands for (PNG bytes
 * named {@code .pdf} are refused). A DOCX is a ZIP container, so it must also hold the
 * WordprocessingML parts {@code [Content_Types].xml} and {@code word/document.xml}.
 *
 * <p>Plain text is never taken for audio, video or a raster image. Tika's magic includes signatures
 * deep inside a file (a MOD module is {@code M.K.}, {@code FLT4}, {@code OKTA}... at byte 1080), which
 * ordinary text can spell by chance, and a magic match outranks the {@code .txt} name. So when a
 * {@code .txt} is detected as such a type but is entirely printable UTF-8 text (no control characters
 * but tab, line feed, carriage return, form feed and escape), it is text: real audio, video and raster
 * images are binary. Text formats that Tika recognises from their own syntax (a PDF, an SVG image)
 * stay refused under a {@code .txt} name.
 */
public final class ContentTypeVerifier {

    private static final MediaType DOCX =
            MediaType.parse("application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    private static final Map<String, MediaType> TYPES = Map.of(
            "jpg", MediaType.image("jpeg"),
            "jpeg", MediaType.image("jpeg"),
            "png", MediaType.image("png"),
            "pdf", MediaType.application("pdf"),
            "txt", MediaType.TEXT_PLAIN,
            "docx", DOCX);

    private final MimeTypes mimeTypes = MimeTypes.getDefaultMimeTypes();

    /** Whether the verifier knows how to check files with this extension. */
    public static boolean supports(String extension) {
        return TYPES.containsKey(extension);
    }

    /** The extensions the verifier can check. */
    public static Set<String> supportedExtensions() {
        return new TreeSet<>(TYPES.keySet());
    }

    /**
     * Verifies the content at {@code content} against {@code name} and returns the detected media type
     * (e.g. {@code image/png}); a mismatch is a 415 {@link AttachmentException}.
     */
    public String verify(FileName name, Path content) {
        MediaType expected = TYPES.get(name.extension());
        if (expected == null) {
            throw AttachmentException.unsupportedType("The file type is not allowed.");
        }
        MediaType byContent = detect(content, null);
        // Only the extension is a hint: Tika parses a resource name as a URI first, so a real name
        // such as "incident#42.docx" or "a:b.docx" would lose its extension and the hint with it.
        MediaType byContentAndName = detect(content, "upload." + name.extension());
        if (expected.equals(MediaType.TEXT_PLAIN) && !expected.equals(byContentAndName)
                && isBinaryOnlyType(byContentAndName) && isPrintableText(content)) {
            return expected.toString();
        }
        if (MediaType.OCTET_STREAM.equals(byContent) || !expected.equals(byContentAndName)) {
            throw AttachmentException.unsupportedType("The file content does not match its name '"
                    + name.extension() + "' (detected " + byContent + ").");
        }
        if (expected.equals(DOCX) && !isWordprocessingPackage(content)) {
            throw AttachmentException.unsupportedType(
                    "The file content does not match its name 'docx' (not a Word document).");
        }
        return expected.toString();
    }

    private MediaType detect(Path content, String resourceName) {
        Metadata metadata = new Metadata();
        if (resourceName != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, resourceName);
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(content))) {
            return mimeTypes.detect(in, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Audio, video and raster images: formats no file of printable text can be. */
    private static boolean isBinaryOnlyType(MediaType type) {
        return switch (type.getType()) {
            case "audio", "video" -> true;
            case "image" -> !type.getSubtype().endsWith("+xml");
            default -> false;
        };
    }

    /**
     * Whether the whole file is valid UTF-8 without control characters other than tab, line feed,
     * carriage return, form feed and escape (terminal colours in logs); DEL and C1 controls count as
     * binary. Read in full, at most the upload limit, and only when magic contradicts a {@code .txt}.
     */
    private static boolean isPrintableText(Path content) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader reader = new InputStreamReader(Files.newInputStream(content), utf8)) {
            char[] buffer = new char[8192];
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    char c = buffer[i];
                    boolean control = c < 0x20 || (c >= 0x7F && c <= 0x9F);
                    if (control && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) {
                        return false;
                    }
                }
            }
            return true;
        } catch (CharacterCodingException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isWordprocessingPackage(Path content) {
        try (ZipFile zip = new ZipFile(content.toFile())) {
            return zip.getEntry("[Content_Types].xml") != null && zip.getEntry("word/document.xml") != null;
        } catch (ZipException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.opencoc.attachment.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the multipart body of an upload makes of the file name. */
class FileUploadTest {

    @Test
    void multipartFileNameCannotBreakOutOfItsQuotes() {
        assertThat(FileUpload.quotedName("a\"; name=\"evil\r\nX: y.txt")).isEqualTo("a%22; name=%22evil%0D%0AX: y.txt");
    }
}

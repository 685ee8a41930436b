package org.opencoc.attachment.iam.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessDeniedTest {

    @Test
    void namesTheDeniedActionInTheDocumentedMessage() {
        assertThat(new AccessDenied("coc:attachment:Download").getMessage())
                .isEqualTo("Policy doesn't allow coc:attachment:Download to be performed.");
    }

    @Test
    void carriesNoStackTrace() {
        assertThat(new AccessDenied("coc:attachment:Download").getStackTrace()).isEmpty();
    }
}

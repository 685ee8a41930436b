package org.opencoc.attachment.iam.authentication;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenRefusedTest {

    @Test
    void sendsTheDocumentedMessageWithTheReason() {
        TokenRefused refused = new TokenRefused("the token has expired");

        assertThat(refused.getMessage()).isEqualTo("A valid bearer token is required: the token has expired.");
        assertThat(refused.reason()).isEqualTo("the token has expired");
    }

    @Test
    void carriesNoStackTrace() {
        assertThat(new TokenRefused("forged").getStackTrace()).isEmpty();
    }
}

package org.opencoc.attachment.web.grizzly;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/health/live", "/v1/incident/attachments/a%2Fb", "/v1/../health/live",
            "/a/./b", "/a/..", "/a%20b", "/%E2%82%AC", "/v1/incident/attachments/doc-1", "/a/%2e%2e/b"})
    void pathsTheContainerAcceptsPass(String path) {
        assertThat(RequestPathCheck.problem(path)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%zz", "/a%2", "/a%", "/%g0", "/a%0"})
    void malformedPercentEscapesAreRefused(String path) {
        assertThat(RequestPathCheck.problem(path)).contains("percent-escape");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%00", "/a%00b", "/a\u0000b"})
    void nulIsRefused(String path) {
        assertThat(RequestPathCheck.problem(path)).contains("NUL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a%5Cb", "/a%5cb", "/a\\b"})
    void backslashIsRefused(String path) {
        assertThat(RequestPathCheck.problem(path)).contains("backslash");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/..", "/../x", "/a/../../x", "/%2e%2e/x", "/a/%2E%2E/%2e./x", "/./../x"})
    void climbingAboveTheRootIsRefused(String path) {
        assertThat(RequestPathCheck.problem(path)).contains("root");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*", "a/b", "%2F"})
    void aPathNotStartingWithSlashIsRefused(String path) {
        assertThat(RequestPathCheck.problem(path)).contains("start with");
    }
}

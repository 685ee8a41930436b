package org.opencoc.attachment.web.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransferMetricsFilterTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(nullValues = "none", value = {
            "POST, /v1/incident/attachments, UPLOAD",
            "POST, /v1/external/incident/attachments, UPLOAD",
            "POST, /v1/other/attachments, UPLOAD",
            "GET, /v1/incident/attachments/0f8fad5b-d9cb-469f-a165-70867728950e, DOWNLOAD",
            "HEAD, /v1/incident/attachments/0f8fad5b-d9cb-469f-a165-70867728950e, DOWNLOAD",
            "GET, /v1/incident/attachments, none",
            "PUT, /v1/incident/attachments/x, none",
            "POST, /v1/incident/attachments/x, none",
            "GET, /v1/incident/attachments/x/y, none",
            "GET, /v1/external/incident/attachments, none",
            "GET, /openapi, none",
            "POST, /v1/a/b/attachments, none"})
    void classifiesOnlyTheUploadAndDownloadCalls(String method, String path, ServiceMetrics.Direction direction) {
        assertThat(TransferMetricsFilter.direction(method, path)).isEqualTo(direction);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"stage, stage", "isReady, is_ready", "open, open", "findAll, find_all"})
    void namesStorageOperationsInSnakeCase(String method, String operation) {
        assertThat(StorageMetrics.operation(method)).isEqualTo(operation);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"200, success", "206, success", "304, success", "399, success", "400, client_error",
            "499, client_error", "500, server_error", "503, server_error"})
    void namesTheOutcomeOfAStatus(int status, String outcome) {
        assertThat(ServiceMetrics.outcome(status)).isEqualTo(outcome);
    }
}

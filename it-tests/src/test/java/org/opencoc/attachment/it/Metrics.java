package org.opencoc.attachment.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's application metrics as {@code /metrics} shows them (Prometheus text): what a black-box
 * test can see of the server's counters, such as whether a refused request reached storage.
 */
public final class Metrics {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)$");

    private Metrics() {
    }

    /**
     * The application samples of {@code /metrics}, keyed by name and labels in the exporter's order
     * without {@code mp_scope}, e.g. {@code coc_uploads_total{outcome="success",status="200"}}.
     */
    public static Map<String, Double> scrape(Service service) {
        HttpResponse<byte[]> response = service.send(HttpRequest.newBuilder(service.base().resolve("metrics"))
                .header("Accept", "text/plain").GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        for (String line : new String(response.body(), StandardCharsets.UTF_8).split("\n")) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (line.startsWith("#") || !sample.matches() || !line.contains("mp_scope=\"application\"")) {
                continue;
            }
            String labels = sample.group(2) == null ? "" : sample.group(2)
                    .replace("mp_scope=\"application\",", "").replace(",mp_scope=\"application\"", "")
                    .replace("mp_scope=\"application\"", "");
            samples.put(sample.group(1) + ("{}".equals(labels) ? "" : labels), Double.parseDouble(sample.group(3)));
        }
        return samples;
    }

    /**
     * How much the samples of metric {@code name} that carry every label of {@code labels} (such as
     * {@code operation="stage"}, whatever the backend) grew from {@code before} to {@code after}.
     */
    public static double growth(Map<String, Double> before, Map<String, Double> after, String name, String... labels) {
        return total(after, name, labels) - total(before, name, labels);
    }

    private static double total(Map<String, Double> samples, String name, String... labels) {
        double total = 0;
        for (Map.Entry<String, Double> sample : samples.entrySet()) {
            String key = sample.getKey();
            if (!key.equals(name) && !key.startsWith(name + "{")) {
                continue;
            }
            boolean matches = true;
            for (String label : labels) {
                matches &= key.contains(label);
            }
            total += matches ? sample.getValue() : 0;
        }
        return total;
    }
}

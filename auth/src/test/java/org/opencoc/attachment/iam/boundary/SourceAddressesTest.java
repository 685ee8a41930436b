package org.opencoc.attachment.iam.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SourceAddressesTest {

    private final SourceAddresses behindProxies = new SourceAddresses("10.0.0.0/8, 2001:db8::1");

    @ParameterizedTest(name = "peer {0}, X-Forwarded-For [{1}] -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "203.0.113.7 | NULL                          | 203.0.113.7",
            "203.0.113.7 | 198.51.100.1                  | 203.0.113.7",
            "10.1.2.3    | NULL                          | 10.1.2.3",
            "10.1.2.3    | 198.51.100.1                  | 198.51.100.1",
            "10.1.2.3    | 1.1.1.1, 198.51.100.1, 10.9.9.9 | 198.51.100.1",
            "10.1.2.3    | 10.4.4.4, 10.9.9.9            | 10.4.4.4",
            "10.1.2.3    | not-an-ip, 198.51.100.1       | 198.51.100.1",
            "10.1.2.3    | 198.51.100.1, garbage         | 10.1.2.3",
            "2001:db8::1 | 2001:db8:ffff::5              | 2001:db8:ffff::5"
    })
    void believesForwardedForOnlyFromTrustedProxies(String peer, String forwardedFor, String client) {
        assertThat(behindProxies.clientAddress(peer, forwardedFor)).isEqualTo(client);
    }

    @Test
    void ignoresForwardedForWithoutTrustedProxies() {
        assertThat(new SourceAddresses("").clientAddress("10.1.2.3", "198.51.100.1")).isEqualTo("10.1.2.3");
    }

    @Test
    void rejectsAMalformedProxyRange() {
        assertThatThrownBy(() -> new SourceAddresses("10.0.0.0/99"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coc.iam.trusted-proxies");
    }
}

package org.opencoc.attachment.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a request's address: the recently read addresses are kept, and each text keeps its own reading. */
class TypedValuesAddressTest {

    @Test
    void everyAddressReadsAsItselfAfterMoreAddressesThanTheRecentSlotsHold() {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            addresses.add("10." + (i >> 8) + "." + (i & 0xff) + ".7");
        }
        addresses.forEach(TypedValues::ipAddress);

        for (String text : addresses) {
            assertThat(TypedValues.ipAddress(text)).as(text).isEqualTo(new IPAddressString(text).getAddress());
        }
    }

    @Test
    void aMappedIpv6AddressReadsAsIpv4AlsoWhenReadAgain() {
        TypedValues.ipAddress("::ffff:192.0.2.9");

        assertThat(TypedValues.ipAddress("::ffff:192.0.2.9")).isEqualTo(new IPAddressString("192.0.2.9").getAddress());
    }

    @Test
    void textThatIsNoAddressIsRefusedEveryTime() {
        assertThrows(IllegalArgumentException.class, () -> TypedValues.ipAddress("10.0.0.300"));

        assertThrows(IllegalArgumentException.class, () -> TypedValues.ipAddress("10.0.0.300"));
    }

    @Test
    void aCidrBlockIsNoSingleAddressWhenReadAgain() {
        assertThrows(IllegalArgumentException.class, () -> TypedValues.ipAddress("10.0.0.0/8"));

        assertThrows(IllegalArgumentException.class, () -> TypedValues.ipAddress("10.0.0.0/8"));
    }
}

package org.opencoc.attachment.iam.policy;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.IncompatibleAddressException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads the text of a condition value (from a policy or from the context) as a number, an instant, a
 * boolean or an IP address/range. Every method throws {@link IllegalArgumentException} with a short
 * human reason; callers add where the value came from.
 */
final class TypedValues {

    /** Plain addresses and CIDR blocks only: no wildcards, ranges, masks, inet_aton or empty forms. */
    private static final IPAddressStringParameters IP_SYNTAX = new IPAddressStringParameters.Builder()
            .allowEmpty(false)
            .allowAll(false)
            .allowSingleSegment(false)
            .allowMask(false)
            .allowPrefixOnly(false)
            .allow_inet_aton(false)
            .allowWildcardedSeparator(false)
            .setRangeOptions(RangeParameters.NO_RANGE)
            .toParams();

    private static final int MAX_NUMBER_LENGTH = 100;

    private TypedValues() {
    }

    static BigDecimal number(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NUMBER_LENGTH) {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
        try {
            return new BigDecimal(trimmed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number", e);
        }
    }

    /**
     * An ISO 8601 instant ({@code 2026-11-29T10:00:00Z}, or with an offset such as {@code +08:00}), a date
     * alone ({@code 2026-11-29}, the start of that day in UTC), or whole epoch seconds ({@code 1795860000}).
     */
    static Instant instant(String text) {
        String trimmed = text.strip();
        try {
            if (isEpochSeconds(trimmed)) {
                return Instant.ofEpochSecond(Long.parseLong(trimmed));
            }
            if (trimmed.length() == 10) {
                return LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (trimmed.endsWith("Z") || trimmed.endsWith("z")) {
                return Instant.parse(trimmed.substring(0, trimmed.length() - 1) + "Z");
            }
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text
                    + "' is not a date (expected ISO 8601 like 2026-11-29T10:00:00Z, 2026-11-29, or epoch seconds)", e);
        }
    }

    private static boolean isEpochSeconds(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        if (text.length() == start || text.length() > 19) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    static boolean bool(String text) {
        if ("true".equalsIgnoreCase(text)) {
            return true;
        }
        if ("false".equalsIgnoreCase(text)) {
            return false;
        }
        throw new IllegalArgumentException("'" + text + "' is not a boolean (expected true or false)");
    }

    /** An address or a CIDR block; a CIDR with host bits set ({@code 10.1.2.3/8}) means the whole block. */
    static IPAddress ipRange(String text) {
        IPAddress address = parseIp(text);
        return address.getNetworkPrefixLength() == null ? address : address.toPrefixBlock();
    }

    /** A single address, no prefix; an IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) becomes IPv4. */
    static IPAddress ipAddress(String text) {
        IPAddress address = parseIp(text);
        if (address.getNetworkPrefixLength() != null || address.isMultiple()) {
            throw new IllegalArgumentException("'" + text + "' is not a single IP address");
        }
        if (address.isIPv6() && address.toIPv6().isIPv4Mapped()) {
            return address.toIPv6().getEmbeddedIPv4Address();
        }
        return address;
    }

    private static IPAddress parseIp(String text) {
        try {
            return new IPAddressString(text.strip(), IP_SYNTAX).toAddress();
        } catch (AddressStringException | IncompatibleAddressException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block", e);
        }
    }
}

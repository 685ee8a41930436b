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
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReferenceArray;

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

    /**
     * The addresses read last, one per slot chosen by the hash of their text: a client's address is
     * parsed once, not on every request ({@code g:SourceIp} is read per request, and the parse was 2-3% of
     * the samples of a warm 4 KiB GET). A slot answers only for exactly the text it was parsed from;
     * the parse is a pure function and {@link IPAddress} is immutable, so no lock and no eviction is
     * needed, and text that does not parse is never kept. 256 slots: a few tens of KB.
     */
    private static final AtomicReferenceArray<ParsedAddress> RECENT_ADDRESSES = new AtomicReferenceArray<>(256);

    private record ParsedAddress(String text, IPAddress address) {
    }

    private static final int MAX_NUMBER_LENGTH = 100;
    private static final int MAX_FRACTION_DIGITS = 9;
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
        1_000_000_000};
    private static final String DATE_FORMS = "expected the W3C profile of ISO 8601, such as 2026-11-29T10:00:00Z,"
            + " 2026-11-29T10:00Z, 2026-11-29T18:00:00.5+08:00, 2026-11-29, 2026-11 or 2026, or whole epoch seconds";

    private TypedValues() {
    }

    /**
     * A decimal number as the policy documentation writes it: an optional minus sign, digits, and optionally a
     * point followed by digits ({@code 10}, {@code -2.5}, {@code 0.10}). No exponent, no plus sign, no blanks.
     */
    static BigDecimal number(String text) {
        if (!isDecimal(text)) {
            throw new IllegalArgumentException("'" + text
                    + "' is not a number (expected a decimal such as 10, -2.5 or 0.25; no exponent, no '+', no blanks)");
        }
        return new BigDecimal(text);
    }

    private static boolean isDecimal(String text) {
        int length = text.length();
        if (length == 0 || length > MAX_NUMBER_LENGTH) {
            return false;
        }
        int i = text.charAt(0) == '-' ? 1 : 0;
        int integerDigits = 0;
        while (i < length && isDigit(text.charAt(i))) {
            i++;
            integerDigits++;
        }
        if (integerDigits == 0) {
            return false;
        }
        if (i == length) {
            return true;
        }
        if (text.charAt(i) != '.' || i == length - 1) {
            return false;
        }
        for (i++; i < length; i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * An instant in the W3C profile of ISO 8601 (W3C NOTE-datetime): {@code YYYY}, {@code YYYY-MM},
     * {@code YYYY-MM-DD} (the start of that year, month or day in UTC), or a date and time
     * {@code YYYY-MM-DDThh:mm}, {@code ...:ss} or {@code ...:ss.s} (one to nine fraction digits) followed by a
     * time zone designator, {@code Z} or {@code +hh:mm}/{@code -hh:mm}. A lower-case {@code t} or {@code z} is
     * accepted as RFC 3339 allows. For compatibility, a string of digits other than a four-digit year is whole
     * epoch seconds ({@code 1795860000}, optionally negative).
     */
    static Instant instant(String text) {
        try {
            if (isEpochSeconds(text)) {
                return Instant.ofEpochSecond(Long.parseLong(text));
            }
            return w3c(text);
        } catch (DateTimeException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date (" + e.getMessage() + "; " + DATE_FORMS + ")",
                    e);
        }
    }

    private static Instant w3c(String text) {
        int length = text.length();
        int year = field(text, 0, 4, "a four-digit year");
        if (length == 4) {
            return LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        expect(text, 4, '-', "a '-' after the year");
        int month = field(text, 5, 7, "a two-digit month");
        if (length == 7) {
            return LocalDate.of(year, month, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        expect(text, 7, '-', "a '-' after the month");
        LocalDate date = LocalDate.of(year, month, field(text, 8, 10, "a two-digit day"));
        if (length == 10) {
            return date.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (text.charAt(10) != 'T' && text.charAt(10) != 't') {
            throw new DateTimeException("expected 'T' between the date and the time");
        }
        int hour = field(text, 11, 13, "two-digit hours after the 'T'");
        expect(text, 13, ':', "a ':' between hours and minutes");
        int minute = field(text, 14, 16, "two-digit minutes");
        int second = 0;
        int nanos = 0;
        int i = 16;
        if (i < length && text.charAt(i) == ':') {
            second = field(text, 17, 19, "two-digit seconds");
            i = 19;
            if (i < length && text.charAt(i) == '.') {
                int start = ++i;
                while (i < length && isDigit(text.charAt(i))) {
                    i++;
                }
                int count = i - start;
                if (count == 0 || count > MAX_FRACTION_DIGITS) {
                    throw new DateTimeException("a fraction of a second needs one to nine digits");
                }
                nanos = field(text, start, i, "digits") * POWERS_OF_TEN[MAX_FRACTION_DIGITS - count];
            }
        }
        LocalTime time = LocalTime.of(hour, minute, second, nanos);
        return LocalDateTime.of(date, time).toInstant(offset(text, i));
    }

    private static ZoneOffset offset(String text, int at) {
        int length = text.length();
        if (at == length) {
            throw new DateTimeException("a time needs a time zone designator, Z or +hh:mm/-hh:mm");
        }
        char designator = text.charAt(at);
        if ((designator == 'Z' || designator == 'z') && at + 1 == length) {
            return ZoneOffset.UTC;
        }
        if ((designator == '+' || designator == '-') && at + 6 == length && text.charAt(at + 3) == ':'
                && digits(text, at + 1, at + 3) && digits(text, at + 4, at + 6)) {
            int hours = digitsValue(text, at + 1, at + 3);
            int minutes = digitsValue(text, at + 4, at + 6);
            if (minutes > 59 || hours * 60 + minutes > 18 * 60) {
                throw new DateTimeException("the offset " + text.substring(at) + " is out of range (-18:00 to +18:00)");
            }
            int sign = designator == '-' ? -1 : 1;
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        }
        throw new DateTimeException("'" + text.substring(at) + "' is not a time zone designator (Z or +hh:mm/-hh:mm)");
    }

    private static void expect(String text, int at, char wanted, String what) {
        if (text.length() <= at || text.charAt(at) != wanted) {
            throw new DateTimeException("expected " + what);
        }
    }

    /** The value of the digits from {@code from} to {@code to}; anything else there is a {@link DateTimeException}. */
    private static int field(String text, int from, int to, String what) {
        if (!digits(text, from, to)) {
            throw new DateTimeException("expected " + what);
        }
        return digitsValue(text, from, to);
    }

    private static boolean digits(String text, int from, int to) {
        if (text.length() < to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int digitsValue(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Digits with an optional minus sign, at most 19 characters, and not a plain four-digit W3C year. */
    private static boolean isEpochSeconds(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        if (text.length() == start || text.length() > 19 || start == 0 && text.length() == 4) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (!isDigit(text.charAt(i))) {
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
        int slot = text.hashCode() & (RECENT_ADDRESSES.length() - 1);
        ParsedAddress recent = RECENT_ADDRESSES.get(slot);
        if (recent != null && recent.text().equals(text)) {
            return recent.address();
        }
        IPAddress address = singleAddress(text);
        RECENT_ADDRESSES.set(slot, new ParsedAddress(text, address));
        return address;
    }

    private static IPAddress singleAddress(String text) {
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

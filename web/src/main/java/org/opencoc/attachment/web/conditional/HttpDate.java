package org.opencoc.attachment.web.conditional;

import static java.time.temporal.ChronoField.DAY_OF_MONTH;
import static java.time.temporal.ChronoField.DAY_OF_WEEK;
import static java.time.temporal.ChronoField.HOUR_OF_DAY;
import static java.time.temporal.ChronoField.MINUTE_OF_HOUR;
import static java.time.temporal.ChronoField.MONTH_OF_YEAR;
import static java.time.temporal.ChronoField.SECOND_OF_MINUTE;
import static java.time.temporal.ChronoField.YEAR;

import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTP-date (RFC 9110 §5.6.7): parses the three formats a recipient must accept and formats the one a
 * sender must use.
 *
 * <ul>
 *   <li>IMF-fixdate {@code Sun, 06 Nov 1994 08:49:37 GMT}, parsed with
 *       {@link DateTimeFormatter#RFC_1123_DATE_TIME} (which also takes a one-digit day and a numeric
 *       offset);</li>
 *   <li>obsolete RFC 850 {@code Sunday, 06-Nov-94 08:49:37 GMT}; the two-digit year is read within the
 *       50 years around {@code now}: a year that would be more than 50 years in the future is the most
 *       recent past year with the same last two digits;</li>
 *   <li>obsolete asctime {@code Sun Nov  6 08:49:37 1994}, read as GMT.</li>
 * </ul>
 *
 * <p>Dates are resolved strictly: an impossible day ({@code 30 Feb}), an hour of 24 or a day name that
 * does not fit the date makes the value invalid rather than being adjusted.
 */
public final class HttpDate {

    private static final DateTimeFormatter IMF_FIXDATE_PARSER =
            DateTimeFormatter.RFC_1123_DATE_TIME.withResolverStyle(ResolverStyle.STRICT);

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    /** Parsed unresolved: the two-digit year (read here as 2000-2099) is windowed against "now". */
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
            .appendPattern("EEEE, dd-MMM-")
            .appendValueReduced(YEAR, 2, 2, 2000)
            .appendPattern(" HH:mm:ss 'GMT'")
            .toFormatter(Locale.US);

    private static final DateTimeFormatter ASCTIME = new DateTimeFormatterBuilder()
            .appendPattern("EEE MMM ")
            .padNext(2, ' ')
            .appendValue(DAY_OF_MONTH)
            .appendPattern(" HH:mm:ss uuuu")
            .toFormatter(Locale.US)
            .withResolverStyle(ResolverStyle.STRICT);

    private HttpDate() {
    }

    /**
     * Parses an HTTP-date in any of the three formats, ignoring surrounding OWS.
     *
     * @param value the header value; {@code null} gives empty
     * @param now the current time, only used to place an RFC 850 two-digit year
     * @return the instant, or empty if {@code value} is not a valid HTTP-date
     */
    public static Optional<Instant> parse(String value, Instant now) {
        Objects.requireNonNull(now, "now");
        if (value == null) {
            return Optional.empty();
        }
        int start = Ows.skip(value, 0, value.length());
        String date = value.substring(start, Ows.trimEnd(value, start, value.length()));
        int comma = date.indexOf(',');
        try {
            if (comma == 3) {
                return Optional.of(IMF_FIXDATE_PARSER.parse(date, Instant::from));
            }
            if (comma > 3) {
                return Optional.ofNullable(parseRfc850(date, now));
            }
            return Optional.of(ASCTIME.parse(date, LocalDateTime::from).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException invalid) {
            return Optional.empty();
        }
    }

    /** Formats an instant as IMF-fixdate, e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}; sub-seconds are dropped. */
    public static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    private static Instant parseRfc850(String date, Instant now) {
        ParsePosition position = new ParsePosition(0);
        TemporalAccessor fields = RFC_850.parseUnresolved(date, position);
        if (fields == null || position.getErrorIndex() >= 0 || position.getIndex() != date.length()) {
            return null;
        }
        LocalDateTime dateTime = LocalDateTime.of(
                windowedYear((int) fields.getLong(YEAR) % 100, now),
                (int) fields.getLong(MONTH_OF_YEAR),
                (int) fields.getLong(DAY_OF_MONTH),
                (int) fields.getLong(HOUR_OF_DAY),
                (int) fields.getLong(MINUTE_OF_HOUR),
                (int) fields.getLong(SECOND_OF_MINUTE));
        if (dateTime.getDayOfWeek().getValue() != fields.getLong(DAY_OF_WEEK)) {
            return null;
        }
        return dateTime.toInstant(ZoneOffset.UTC);
    }

    private static int windowedYear(int twoDigitYear, Instant now) {
        int currentYear = now.atOffset(ZoneOffset.UTC).getYear();
        int year = currentYear - Math.floorMod(currentYear, 100) + twoDigitYear;
        if (year > currentYear + 50) {
            return year - 100;
        }
        return year <= currentYear - 50 ? year + 100 : year;
    }
}

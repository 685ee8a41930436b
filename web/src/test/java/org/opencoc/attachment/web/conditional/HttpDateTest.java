package org.opencoc.attachment.web.conditional;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpDateTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant RFC_EXAMPLE = Instant.parse("1994-11-06T08:49:37Z");

    @Test
    void parsesImfFixdate() {
        assertThat(HttpDate.parse("Sun, 06 Nov 1994 08:49:37 GMT", NOW)).contains(RFC_EXAMPLE);
    }

    @Test
    void parsesObsoleteRfc850Date() {
        assertThat(HttpDate.parse("Sunday, 06-Nov-94 08:49:37 GMT", NOW)).contains(RFC_EXAMPLE);
    }

    @Test
    void parsesObsoleteAsctimeDateWithSpacePaddedDay() {
        assertThat(HttpDate.parse("Sun Nov  6 08:49:37 1994", NOW)).contains(RFC_EXAMPLE);
    }

    @Test
    void parsesObsoleteAsctimeDateWithTwoDigitDay() {
        assertThat(HttpDate.parse("Wed Nov 16 08:49:37 1994", NOW)).contains(Instant.parse("1994-11-16T08:49:37Z"));
    }

    @Test
    void ignoresSurroundingWhitespace() {
        assertThat(HttpDate.parse(" \tSun, 06 Nov 1994 08:49:37 GMT ", NOW)).contains(RFC_EXAMPLE);
    }

    @Test
    void readsRfc850YearFiftyYearsAheadAsFuture() {
        assertThat(HttpDate.parse("Wednesday, 01-Jan-76 00:00:00 GMT", NOW))
                .contains(Instant.parse("2076-01-01T00:00:00Z"));
    }

    @Test
    void readsRfc850YearMoreThanFiftyYearsAheadAsPast() {
        assertThat(HttpDate.parse("Saturday, 01-Jan-77 00:00:00 GMT", NOW))
                .contains(Instant.parse("1977-01-01T00:00:00Z"));
    }

    @Test
    void readsRfc850YearRelativeToNow() {
        Instant later = Instant.parse("2090-06-01T00:00:00Z");

        assertThat(HttpDate.parse("Friday, 01-Jan-44 00:00:00 GMT", NOW)).contains(Instant.parse("2044-01-01T00:00:00Z"));
        assertThat(HttpDate.parse("Friday, 01-Jan-40 00:00:00 GMT", later))
                .contains(Instant.parse("2140-01-01T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "yesterday",
        "1994-11-06T08:49:37Z",
        "Mon, 06 Nov 1994 08:49:37 GMT",
        "Thu, 30 Feb 2024 00:00:00 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:49:37",
        "Sun, 06 Nov 1994 08:49:37 GMT, Sun, 06 Nov 1994 08:49:37 GMT",
        "Monday, 06-Nov-94 08:49:37 GMT",
        "Sunday, 06-Nov-1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT trailing",
        "Sun Nov 6 08:49:37 1994",
        "Mon Nov  6 08:49:37 1994",
        "Sun Nov  6 08:49:37 94"
    })
    void rejectsInvalidDates(String value) {
        assertThat(HttpDate.parse(value, NOW)).isEmpty();
    }

    @Test
    void treatsMissingValueAsNoDate() {
        assertThat(HttpDate.parse(null, NOW)).isEmpty();
    }

    @Test
    void formatsImfFixdateWithTwoDigitDayAndWithoutFraction() {
        assertThat(HttpDate.format(Instant.parse("1994-11-06T08:49:37.999Z"))).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    }

    @Test
    void formattedDateParsesBack() {
        Instant instant = Instant.parse("2024-03-01T12:00:00Z");

        assertThat(HttpDate.parse(HttpDate.format(instant), NOW)).contains(instant);
    }
}

package org.opencoc.attachment.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/** Laws of the value readers: every W3C form of an instant reads back to it, and decimals read exactly. */
class TypedValuesPropertiesTest {

    private static final Instant FIRST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9998-12-31T23:59:59Z");

    @Property(tries = 300)
    void readsEveryPrecisionOfTheW3cProfileBackToTheSameInstant(@ForAll("instants") Instant instant,
                                                                @ForAll("offsets") ZoneOffset offset,
                                                                @ForAll @IntRange(min = 0, max = 9) int fractionDigits) {
        OffsetDateTime local = instant.atOffset(offset);
        String zone = offset.getTotalSeconds() == 0 ? "Z" : offset.getId();
        String fraction = fractionDigits == 0 ? "" : "." + String.format("%09d", local.getNano()).substring(0, fractionDigits);
        String text = local.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")) + fraction + zone;
        requireBothZoneForms(zone);
        Instant truncated = instant.truncatedTo(ChronoUnit.SECONDS)
                .plusNanos(fractionDigits == 0 ? 0 : Long.parseLong(fraction.substring(1) + "0".repeat(9 - fractionDigits)));
        assertThat(TypedValues.instant(text)).as(text).isEqualTo(truncated);
    }

    @Property(tries = 200)
    void readsTheMinuteFormAsTheStartOfThatMinute(@ForAll("instants") Instant instant, @ForAll("offsets") ZoneOffset offset) {
        OffsetDateTime local = instant.atOffset(offset);
        String zone = offset.getTotalSeconds() == 0 ? "Z" : offset.getId();
        String text = local.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm")) + zone;
        requireBothZoneForms(zone);
        assertThat(TypedValues.instant(text)).as(text).isEqualTo(instant.truncatedTo(ChronoUnit.MINUTES));
    }

    @Property(tries = 200)
    void refusesATimeWithoutAZone(@ForAll("instants") Instant instant) {
        String text = instant.atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> TypedValues.instant(text));
        assertThat(error.getMessage()).contains("a time needs a time zone designator");
    }

    @Property(tries = 300)
    void readsEveryPlainDecimalExactly(@ForAll("decimals") BigDecimal number) {
        assertThat(TypedValues.number(number.toPlainString())).isEqualByComparingTo(number);
    }

    @Property(tries = 200)
    void refusesExponentNotation(@ForAll("decimals") BigDecimal number) {
        String text = number.unscaledValue() + "e" + (-number.scale());
        assertThrows(IllegalArgumentException.class, () -> TypedValues.number(text));
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(FIRST.getEpochSecond(), LAST.getEpochSecond())
                .flatMap(seconds -> Arbitraries.integers().between(0, 999_999_999)
                        .map(nanos -> Instant.ofEpochSecond(seconds, nanos)));
    }

    /** UTC in a fifth of the tries, so the {@code Z} designator is read as often as it is written. */
    @Provide
    Arbitrary<ZoneOffset> offsets() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(ZoneOffset.UTC)),
                Tuple.of(4, Arbitraries.integers().between(-18 * 60, 18 * 60)
                        .map(minutes -> ZoneOffset.ofTotalSeconds(minutes * 60))));
    }

    /** Fails the property unless both designators, {@code Z} and {@code ±hh:mm}, came up in the tries. */
    private static void requireBothZoneForms(String zone) {
        Statistics.label("zone").collect("Z".equals(zone) ? "Z" : "offset");
        Statistics.label("zone").coverage(coverage -> {
            coverage.check("Z").percentage(percent -> percent >= 5);
            coverage.check("offset").percentage(percent -> percent >= 5);
        });
    }

    @Provide
    Arbitrary<BigDecimal> decimals() {
        return Arbitraries.bigIntegers().between(new java.math.BigInteger("-1" + "0".repeat(40)),
                        new java.math.BigInteger("1" + "0".repeat(40)))
                .flatMap(unscaled -> Arbitraries.integers().between(0, 20).map(scale -> new BigDecimal(unscaled, scale)));
    }
}

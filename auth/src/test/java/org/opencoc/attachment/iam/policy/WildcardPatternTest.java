package org.opencoc.attachment.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WildcardPatternTest {

    @ParameterizedTest(name = "''{0}'' matches ''{1}'': {2}")
    @CsvSource({
        "abc, abc, true",
        "abc, abd, false",
        "*, '', true",
        "a*, a, true",
        "a*c, abbbc, true",
        "a*c, abbbd, false",
        "*b*, abc, true",
        "a?c, abc, true",
        "a?c, ac, false",
        "a*b*c, axxbyyc, true",
        "a*b*c, axxbyy, false",
        "**, x, true",
        "a.c, abc, false",
        "[a], a, false",
        "*a*a*a*a*a*a*b, aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, false",
    })
    void matchesGlobs(String pattern, String input, boolean expected) {
        assertThat(WildcardPattern.compile(pattern).matches(input)).isEqualTo(expected);
    }
}

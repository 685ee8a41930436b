package org.opencoc.attachment.iam.policy;

import inet.ipaddr.IPAddress;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One value of a context key: its text, and its typed readings computed on first use and then kept, so
 * that {@code g:CurrentTime} is parsed at most once per context however many Date conditions use it.
 * The caches are racy but benign: every reading is deterministic and published through a volatile.
 */
final class ContextValue {

    private volatile String text;
    private volatile BigDecimal number;
    private volatile Instant instant;
    private volatile IPAddress ip;

    ContextValue(String text) {
        this.text = text;
    }

    /** An instant whose text (ISO 8601, UTC) is written only if a condition reads it as text. */
    ContextValue(Instant instant) {
        this.instant = instant;
    }

    String text() {
        String value = text;
        if (value == null) {
            value = instant.toString();
            text = value;
        }
        return value;
    }

    BigDecimal number() {
        BigDecimal value = number;
        if (value == null) {
            value = TypedValues.number(text());
            number = value;
        }
        return value;
    }

    Instant instant() {
        Instant value = instant;
        if (value == null) {
            value = TypedValues.instant(text());
            instant = value;
        }
        return value;
    }

    boolean bool() {
        return TypedValues.bool(text());
    }

    IPAddress ip() {
        IPAddress value = ip;
        if (value == null) {
            value = TypedValues.ipAddress(text());
            ip = value;
        }
        return value;
    }

    @Override
    public String toString() {
        return text();
    }
}

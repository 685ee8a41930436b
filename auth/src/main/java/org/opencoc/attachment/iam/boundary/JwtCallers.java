package org.opencoc.attachment.iam.boundary;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.error.ErrorCode;
import org.opencoc.attachment.iam.Caller;

/**
 * Reads the {@link Caller} from a verified token: {@code sub}, {@code preferred_username},
 * {@code domain_id} (required), {@code domain_name}, {@code principal_type} ({@code account} or
 * {@code user}, default {@code user}) and {@code mfa} (boolean, default false). A token without the
 * claims a caller needs is not accepted (401).
 */
final class JwtCallers {

    private JwtCallers() {
    }

    /**
     * Refuses a token whose {@code nbf} (not before) is later than {@code now} plus the allowed clock
     * skew. Payara's MP-JWT checks {@code exp} but not {@code nbf}, so the application does.
     */
    static void requireNotBefore(JsonWebToken jwt, Instant now, Duration skew) {
        Object nbf = jwt.getClaim("nbf");
        if (nbf instanceof JsonNumber json) {
            nbf = json.longValue();
        }
        if (nbf instanceof Number seconds && Instant.ofEpochSecond(seconds.longValue()).isAfter(now.plus(skew))) {
            throw unauthenticated("The token is not valid yet (nbf).");
        }
    }

    static Caller from(JsonWebToken jwt) {
        String type = text(jwt, "principal_type").orElse("user").toLowerCase(Locale.ROOT);
        Caller.PrincipalType principalType = switch (type) {
            case "account" -> Caller.PrincipalType.ACCOUNT;
            case "user" -> Caller.PrincipalType.USER;
            default -> throw unauthenticated("The token's principal_type must be 'account' or 'user'.");
        };
        String domainId = text(jwt, "domain_id")
                .orElseThrow(() -> unauthenticated("The token has no domain_id claim."));
        String subject = Optional.ofNullable(jwt.getSubject()).filter(s -> !s.isBlank())
                .orElseThrow(() -> unauthenticated("The token has no sub claim."));
        return new Caller(principalType, domainId, text(jwt, "domain_name").orElse(""), subject,
                text(jwt, "preferred_username").orElse(subject), isTrue(jwt.getClaim("mfa")));
    }

    private static Optional<String> text(JsonWebToken jwt, String claim) {
        Object value = jwt.getClaim(claim);
        if (value instanceof JsonString json) {
            value = json.getString();
        }
        return value instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }

    private static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value) || JsonValue.TRUE.equals(value);
    }

    private static AttachmentException unauthenticated(String message) {
        return new AttachmentException(ErrorCode.UNAUTHENTICATED, message);
    }
}

package org.opencoc.attachment.cli;

import org.opencoc.attachment.client.ClientException;

/**
 * The exit status of {@code bin/coc-attach}: one per class of failure, so a script can tell "retry
 * later" from "fix the token" from "this file will never be accepted".
 */
public final class ExitCode {

    /** Success; for {@code iam simulate}: the action is allowed. */
    public static final int OK = 0;
    /** Something unexpected (a bug): the message says what. */
    public static final int SOFTWARE = 1;
    /** Wrong command line: unknown option, missing argument (picocli's own usage code). */
    public static final int USAGE = 2;
    /** 401 or 403: no token, an invalid or expired one, or its policies do not allow the action. */
    public static final int AUTH = 3;
    /** 404: no such attachment (or one of another account). */
    public static final int NOT_FOUND = 4;
    /** Refused for good: by the service (400, 412, 413, 415, 416) or locally with the service's message. */
    public static final int REFUSED = 5;
    /** 5xx: the service or its storage failed, also after the retries. */
    public static final int SERVER = 6;
    /** No answer: cannot connect, connection cut, timeouts, after the retries. */
    public static final int NETWORK = 7;
    /** The downloaded bytes do not match {@code Repr-Digest}; nothing was kept. */
    public static final int INTEGRITY = 8;
    /** {@code iam simulate}: an applicable Deny statement refuses the action (or a policy is malformed). */
    public static final int EXPLICIT_DENY = 10;
    /** {@code iam simulate}: no statement allows the action. */
    public static final int IMPLICIT_DENY = 11;

    private ExitCode() {
    }

    /** The exit status of a failed call. */
    public static int of(ClientException.Kind kind) {
        return switch (kind) {
            case REFUSED_LOCALLY, REFUSED -> REFUSED;
            case AUTH -> AUTH;
            case NOT_FOUND -> NOT_FOUND;
            case SERVER -> SERVER;
            case NETWORK -> NETWORK;
            case INTEGRITY -> INTEGRITY;
        };
    }
}

/**
 * Transfers in flight and their limits: a cap on concurrent downloads, the in-flight count, and the
 * drain on {@code SIGTERM} (readiness down, new requests refused with 503, transfers in flight given a
 * grace period, then the process exits). See {@code docs/reliability.md}.
 */
package org.opencoc.attachment.web.transfer;

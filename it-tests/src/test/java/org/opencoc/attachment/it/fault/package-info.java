/**
 * The fault suite: process-based tests that start their own servers on loopback (the built WAR on
 * Payara Micro with the project's {@code etc/} options, S3Proxy) and treat them the way hostile clients,
 * operators and bad luck do: slow readers, slowloris headers, slow bodies, SIGTERM with transfers in
 * flight, kill -9, a full disk, a store that goes away, sustained mixed load. They check what
 * {@code docs/reliability.md} promises: bounded memory, no acknowledged upload lost, nothing partial ever
 * served, no leftovers, a fast 503 with {@code Retry-After} when storage fails. Every scenario is bounded
 * in time, takes its round counts from system properties with small defaults, prints its figures, and
 * asserts only correctness and bounds, never speed. They run once, in the filesystem execution of
 * failsafe only, because they configure storage themselves.
 */
package org.opencoc.attachment.it.fault;

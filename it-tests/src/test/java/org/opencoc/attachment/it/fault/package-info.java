/**
 * The fault suite: process-based tests that start their own servers on loopback (Payara Micro, S3Proxy)
 * and break them on purpose (kill -9, a full disk, a store that goes away, sustained mixed load), then
 * check what the issue promises: no acknowledged upload lost, nothing partial ever served, no leftovers,
 * a fast 503 with {@code Retry-After} when storage fails. Round counts are system properties with small
 * defaults; the figures go to the log; the assertions are about correctness and bounds, never speed.
 * They run once, in the filesystem execution of failsafe only, because they configure storage themselves.
 */
package org.opencoc.attachment.it.fault;

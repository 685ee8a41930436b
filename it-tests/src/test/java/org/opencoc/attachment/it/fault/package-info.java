/**
 * The fault suite: process-based tests that start the built WAR on Payara Micro with the project's
 * {@code etc/} options and treat it the way hostile clients and operators do (slow readers, slowloris
 * headers, slow bodies, SIGTERM with transfers in flight). Every scenario is bounded in time, runs on
 * loopback only, takes its round counts from system properties with small defaults, prints its
 * figures, and asserts only correctness and bounds, never speed.
 */
package org.opencoc.attachment.it.fault;

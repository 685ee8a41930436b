/**
 * The servers the process-based tests start on loopback and stop, kill and restart: the built WAR on
 * Payara Micro through {@code bin/payara-micro}, the launch command of {@code bin/run} and the benchmark
 * ({@link org.opencoc.attachment.it.process.PayaraMicroProcess}), and S3Proxy with the properties the
 * benchmark uses too ({@link org.opencoc.attachment.it.process.S3ProxyProcess}). Both share one process
 * life (port, work directory, log, readiness wait, SIGTERM and SIGKILL) in {@code ServerProcess}.
 */
package org.opencoc.attachment.it.process;

/**
 * Application metrics on {@code /metrics} (MicroProfile Metrics, Prometheus format, {@code mp_scope="application"}):
 * transfers by outcome and status, attachment bytes in and out, transfers in flight, authorization
 * decisions, and storage latency by operation and backend. See {@link org.opencoc.attachment.web.metrics.ServiceMetrics}.
 */
package org.opencoc.attachment.web.metrics;

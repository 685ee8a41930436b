package org.opencoc.bench.floor;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The runtime floor of bench/run: the least a JAX-RS GET of a small file can cost on the same Payara
 * Micro, JVM options and pre-boot file as the service. Built by the benchmark, never shipped.
 */
@ApplicationPath("/v1")
public class FloorApplication extends Application {
}

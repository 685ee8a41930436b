package org.opencoc.attachment.web.grizzly;

import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.portunif.PUContext;
import org.glassfish.grizzly.portunif.ProtocolFinder;

/**
 * The listener's only protocol finder, which the pre-boot file must name for Payara to hand the HTTP
 * chain to {@link EnvelopeRefusals}: every connection is HTTP, as it was before the port-unification
 * filter was put in front. It is consulted only if {@link EnvelopeRefusals} found no HTTP codec to
 * build its direct chain around; then port unification dispatches every connection to Payara's HTTP
 * chain as is.
 */
public final class AnyProtocol implements ProtocolFinder {

    @Override
    public Result find(PUContext puContext, FilterChainContext ctx) {
        return Result.FOUND;
    }
}

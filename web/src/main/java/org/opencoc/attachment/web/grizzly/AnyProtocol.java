package org.opencoc.attachment.web.grizzly;

import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.portunif.PUContext;
import org.glassfish.grizzly.portunif.ProtocolFinder;

/**
 * The listener's only protocol finder: every connection is HTTP, as it was before the
 * port-unification filter ({@link EnvelopeRefusals}) was put in front, so that even a request the
 * HTTP parser will refuse reaches the parser (and so the envelope) rather than being dropped.
 */
public final class AnyProtocol implements ProtocolFinder {

    @Override
    public Result find(PUContext puContext, FilterChainContext ctx) {
        return Result.FOUND;
    }
}

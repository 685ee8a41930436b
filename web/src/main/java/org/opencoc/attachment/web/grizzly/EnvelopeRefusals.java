package org.opencoc.attachment.web.grizzly;

import java.util.logging.Logger;

import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.portunif.PUFilter;
import org.glassfish.grizzly.portunif.PUProtocol;
import org.glassfish.grizzly.portunif.ProtocolFinder;

/**
 * The hook Payara offers into a listener's filter chain: a port-unification filter named by class
 * ({@code protocol.<name>.port-unification.classname}), to which Payara hands the HTTP protocol's
 * chain after building it ({@code GenericGrizzlyListener.configureSubProtocol}). It puts
 * {@link ParserRefusalRewriter} below the HTTP codec and {@link RequestPathRefusals} above it; the
 * rest of the chain is Payara's own, unchanged.
 */
public final class EnvelopeRefusals extends PUFilter {

    private static final Logger LOG = Logger.getLogger(EnvelopeRefusals.class.getName());

    @Override
    public PUProtocol register(ProtocolFinder protocolFinder, FilterChain chain) {
        int codec = -1;
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i) instanceof HttpServerFilter) {
                codec = i;
                break;
            }
        }
        if (codec < 0) {
            LOG.warning("No HTTP codec in the protocol's filter chain; refusals keep Grizzly's bare answers: " + chain);
        } else {
            chain.add(codec + 1, new RequestPathRefusals());
            chain.add(codec, new ParserRefusalRewriter());
            LOG.info("HTTP-layer refusals answer with the error envelope: " + chain);
        }
        return super.register(protocolFinder, chain);
    }
}

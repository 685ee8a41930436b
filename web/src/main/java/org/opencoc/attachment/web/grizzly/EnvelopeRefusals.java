package org.opencoc.attachment.web.grizzly;

import java.io.IOException;
import java.util.logging.Logger;

import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.IOEvent;
import org.glassfish.grizzly.ProcessorExecutor;
import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.portunif.PUFilter;
import org.glassfish.grizzly.portunif.PUProtocol;
import org.glassfish.grizzly.portunif.ProtocolFinder;

/**
 * The hook Payara offers into a listener's filter chain: a port-unification filter named by class
 * ({@code protocol.<name>.port-unification.classname}), to which Payara hands the HTTP protocol's
 * chain after building it ({@code GenericGrizzlyListener.configureSubProtocol}).
 *
 * <p>It is used only to get hold of that chain, never to dispatch through port unification. From
 * Payara's HTTP chain it builds the same chain again with the transport filter in front instead of
 * port unification's back channel, and with {@link ParserRefusalRewriter} below the HTTP codec and
 * {@link RequestPathRefusals} above it; each accepted connection is then handed to that chain
 * ({@link Connection#setProcessor}) before it has sent a byte, so all its events (reads, writes, close)
 * go straight through Payara's own filters as they would without this hook. Port unification's own
 * dispatch (a suspended parent context per read, a child chain that never sees accept or close, so its
 * idle timeout never watches a connection) tripled the heap after GC under load. Behind port
 * unification Payara leaves HTTP/2 out, so {@link IgnoredCleartextUpgrade} is added too; see
 * {@code docs/reliability.md}, "Refusals before the application".
 */
public final class EnvelopeRefusals extends PUFilter {

    private static final Logger LOG = Logger.getLogger(EnvelopeRefusals.class.getName());

    /** Payara's HTTP chain with the transport filter in front and the two refusal filters added. */
    private volatile FilterChain direct;

    @Override
    public PUProtocol register(ProtocolFinder protocolFinder, FilterChain chain) {
        FilterChainBuilder builder = FilterChainBuilder.stateless().add(new TransportFilter());
        boolean codecFound = false;
        // index 0 is port unification's back channel, which the direct chain has no use for
        for (int i = 1; i < chain.size(); i++) {
            Filter filter = chain.get(i);
            if (filter instanceof HttpServerFilter && !codecFound) {
                codecFound = true;
                builder.add(new ParserRefusalRewriter()).add(filter).add(new IgnoredCleartextUpgrade())
                        .add(new RequestPathRefusals());
            } else {
                builder.add(filter);
            }
        }
        if (codecFound) {
            direct = builder.build();
            LOG.info(() -> "HTTP-layer refusals answer with the error envelope; connections are served by " + direct);
        } else {
            LOG.warning("No HTTP codec in the protocol's filter chain; refusals keep Grizzly's bare answers: " + chain);
        }
        return super.register(protocolFinder, chain);
    }

    /**
     * Hands the new connection to the direct chain and lets that chain see the accept (its idle-timeout
     * filter starts watching the connection there). The selector thread that runs this accept is the one
     * that will report the connection's first read, so no read can overtake the switch.
     */
    @Override
    public NextAction handleAccept(FilterChainContext ctx) throws IOException {
        FilterChain chain = direct;
        if (chain != null) {
            Connection<?> connection = ctx.getConnection();
            connection.setProcessor(chain);
            ProcessorExecutor.execute(connection, IOEvent.ACCEPTED, chain, null);
            return ctx.getStopAction();
        }
        return ctx.getInvokeAction();
    }
}

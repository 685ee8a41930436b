package org.opencoc.attachment.web.grizzly;

import java.io.IOException;

import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpEvents;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.util.Header;

/**
 * Sits just above Grizzly's HTTP codec and makes it ignore an offer to upgrade to cleartext HTTP/2
 * ({@code Upgrade: h2c}), which this listener cannot take: Payara leaves HTTP/2 out of a
 * port-unification listener. RFC 9110 (7.8) lets a server ignore {@code Upgrade}; Grizzly's codec
 * instead treats every request that carries one as the start of another protocol: it stops framing the
 * request, and after the (plain HTTP/1.1) response it closes the connection without saying so
 * ({@code HttpServerFilter.processResponseComplete}). A client that sends the offer with each request
 * ({@code java.net.http.HttpClient} does by default for {@code http:} URIs) then reuses a connection the
 * server has closed, and its next request gets no answer. The codec announces the upgrade to the
 * filters above it before it prepares the request ({@code onIncomingUpgrade}); this filter takes the
 * offer back there, so the request is framed, kept alive and answered as any other HTTP/1.1 request.
 */
final class IgnoredCleartextUpgrade extends BaseFilter {

    private static final String CLEARTEXT_HTTP2 = "h2c";

    @Override
    public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) throws IOException {
        if (event instanceof HttpEvents.IncomingHttpUpgradeEvent upgrade) {
            HttpHeader header = upgrade.getHttpHeader();
            if (header.getUpgradeDC().equalsIgnoreCase(CLEARTEXT_HTTP2)) {
                header.getUpgradeDC().recycle();
                header.getHeaders().removeHeader(Header.Upgrade);
                header.getHeaders().removeHeader("HTTP2-Settings");
                header.setIgnoreContentModifiers(false);
                return ctx.getStopAction();
            }
        }
        return ctx.getInvokeAction();
    }
}

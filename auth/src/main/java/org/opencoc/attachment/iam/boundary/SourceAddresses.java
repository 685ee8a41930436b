package org.opencoc.attachment.iam.boundary;

import java.util.ArrayList;
import java.util.List;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

import org.opencoc.attachment.config.ConfigNames;

/**
 * Finds the client address for {@code g:SourceIp}: the socket peer, unless the peer is one of the
 * trusted proxies ({@code coc.iam.trusted-proxies}, addresses or CIDR ranges). Then the
 * {@code X-Forwarded-For} chain is walked from the right, skipping trusted proxies, and the first
 * untrusted address is the client. A forged left part of the chain is therefore never believed, and
 * without trusted proxies the header is ignored entirely.
 */
public final class SourceAddresses {

    /**
     * The request attribute (servlet) / property (JAX-RS) with the socket peer's address, set by the
     * web layer before the application, so that the authorization filter need not look the servlet
     * request up per request.
     */
    public static final String PEER_ATTRIBUTE = "org.opencoc.attachment.peerAddress";

    private final List<IPAddress> trustedProxies;

    /** {@code trusted}: a comma-separated list of addresses or CIDR ranges; blank for none. */
    public SourceAddresses(String trusted) {
        List<IPAddress> ranges = new ArrayList<>();
        if (trusted != null) {
            for (String part : trusted.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                IPAddress range = new IPAddressString(part.strip()).getAddress();
                if (range == null) {
                    throw new IllegalArgumentException(ConfigNames.TRUSTED_PROXIES + ": '" + part.strip()
                            + "' is not an IP address or CIDR range");
                }
                ranges.add(range.toPrefixBlock());
            }
        }
        this.trustedProxies = List.copyOf(ranges);
    }

    /** The client address for a request from {@code peer} carrying {@code forwardedFor} (may be null). */
    public String clientAddress(String peer, String forwardedFor) {
        if (forwardedFor == null || trustedProxies.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        String client = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (new IPAddressString(hop).getAddress() == null) {
                return client;
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean isTrusted(String address) {
        IPAddress parsed = new IPAddressString(address).getAddress();
        if (parsed == null) {
            return false;
        }
        for (IPAddress range : trustedProxies) {
            if (range.contains(parsed)) {
                return true;
            }
        }
        return false;
    }
}

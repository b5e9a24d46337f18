package io.inetpublish.gateway.web;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address or CIDR range ({@code 10.0.0.0/8}, {@code 192.168.1.1}, {@code fd00::/8}); literals only, never a name. */
record AddressRange(byte[] network, int prefix) {

    static AddressRange of(String value) {
        String[] parts = value.trim().split("/", 2);
        byte[] network = literal(parts[0]);
        if (network == null) {
            throw new IllegalArgumentException("Not an address or CIDR range: " + value);
        }
        int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("Not an address or CIDR range: " + value);
        }
        return new AddressRange(network, prefix);
    }

    /** The address' bytes, or null when it is not a literal IPv4/IPv6 address. */
    static byte[] literal(String value) {
        boolean v4 = value.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean v6 = value.contains(":") && value.matches("[0-9a-fA-F:.]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(value).getAddress();
        } catch (UnknownHostException ex) {
            return null;
        }
    }

    boolean contains(String address) {
        byte[] candidate = literal(address);
        if (candidate == null || candidate.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (candidate[full] & mask) == (network[full] & mask);
    }
}

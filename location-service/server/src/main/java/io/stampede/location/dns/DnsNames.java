package io.stampede.location.dns;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.dns.DefaultDnsRecordEncoder;

/**
 * Writes a domain name in DNS wire form (RFC 1035 section 3.1, uncompressed), for the record
 * data Netty's codec has no type for (CNAME targets, SOA names). Netty's own encoder does the
 * writing; this only opens its protected method.
 */
final class DnsNames extends DefaultDnsRecordEncoder {
  private static final DnsNames INSTANCE = new DnsNames();

  private DnsNames() {}

  static void write(String name, ByteBuf out) {
    try {
      INSTANCE.encodeName(name, out);
    } catch (Exception e) {
      throw new IllegalArgumentException("not a domain name: " + name, e);
    }
  }
}

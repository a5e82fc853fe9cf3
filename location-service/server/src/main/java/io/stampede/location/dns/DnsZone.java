package io.stampede.location.dns;

import com.google.common.net.InetAddresses;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What the location service says about its S3 zone: {@code <bucket>.<apex>} is the address of the
 * VIP of the bucket's stamp, {@code <apex>} the global endpoint, every other name under the apex
 * does not exist (NXDOMAIN), and names outside it are refused. Answers are read from the
 * directory at each question, so a create, delete or move shows at once; the short TTL bounds
 * how long resolvers keep the old answer. A VIP given as a host name (a Kubernetes Service, say)
 * is answered with a CNAME to it. Names compare case-insensitively, as DNS names do.
 */
public final class DnsZone {
  /** The zone {@code ./stamp up} serves. */
  public static final String DEFAULT_APEX = "s3.stampede.test";
  /** Seconds a resolver may keep an answer, and (SOA minimum) a "does not exist". */
  static final long TTL_SECONDS = 5;

  private final String apex;
  private final String apexHost;
  private final Function<String, Optional<String>> bucketHost;
  private final LongSupplier serial;

  /**
   * @param apex the zone, e.g. {@code s3.stampede.test}
   * @param apexHost the global endpoint's address (or host name)
   * @param bucketHost a bucket's stamp VIP address (or host name), empty for no such bucket
   * @param serial the directory's version, published as the SOA serial
   */
  public DnsZone(String apex, String apexHost, Function<String, Optional<String>> bucketHost, LongSupplier serial) {
    this.apex = canonical(apex);
    this.apexHost = apexHost;
    this.bucketHost = bucketHost;
    this.serial = serial;
  }

  /** The zone's name, lower case, without the final dot. */
  public String apex() {
    return apex.substring(0, apex.length() - 1);
  }

  /** An answer: its code and the records of its answer and authority sections (the caller owns them). */
  public record Answer(DnsResponseCode code, List<DnsRecord> answers, List<DnsRecord> authority) {}

  public Answer answer(String name, DnsRecordType type) {
    String n = canonical(name);
    boolean atApex = n.equals(apex);
    if (!atApex && !n.endsWith("." + apex)) {
      return new Answer(DnsResponseCode.REFUSED, List.of(), List.of());
    }
    Optional<String> host = atApex ? Optional.of(apexHost)
        : bucketHost.apply(n.substring(0, n.length() - apex.length() - 1));
    if (host.isEmpty()) {
      return new Answer(DnsResponseCode.NXDOMAIN, List.of(), List.of(soa()));
    }
    if (atApex && type == DnsRecordType.SOA) {
      return new Answer(DnsResponseCode.NOERROR, List.of(soa()), List.of());
    }
    Optional<DnsRecord> record = addressRecord(n, host.get(), type);
    return record.isPresent() ? new Answer(DnsResponseCode.NOERROR, List.of(record.get()), List.of())
        : new Answer(DnsResponseCode.NOERROR, List.of(), List.of(soa())); // the name exists, not this type
  }

  private static Optional<DnsRecord> addressRecord(String name, String host, DnsRecordType type) {
    if (!InetAddresses.isInetAddress(host)) {
      ByteBuf target = Unpooled.buffer(host.length() + 2);
      DnsNames.write(canonical(host), target);
      return Optional.of(new DefaultDnsRawRecord(name, DnsRecordType.CNAME, TTL_SECONDS, target));
    }
    InetAddress address = InetAddresses.forString(host);
    boolean any = type == DnsRecordType.ANY;
    if (address instanceof Inet4Address && (any || type == DnsRecordType.A)) {
      return Optional.of(new DefaultDnsRawRecord(name, DnsRecordType.A, TTL_SECONDS,
          Unpooled.wrappedBuffer(address.getAddress())));
    }
    if (address instanceof Inet6Address && (any || type == DnsRecordType.AAAA)) {
      return Optional.of(new DefaultDnsRawRecord(name, DnsRecordType.AAAA, TTL_SECONDS,
          Unpooled.wrappedBuffer(address.getAddress())));
    }
    return Optional.empty();
  }

  /** The zone's start of authority; its minimum is the TTL of "does not exist" (RFC 2308). */
  private DnsRecord soa() {
    ByteBuf data = Unpooled.buffer(2 * apex.length() + 40);
    DnsNames.write("ns." + apex, data);
    DnsNames.write("hostmaster." + apex, data);
    data.writeInt((int) serial.getAsLong());
    data.writeInt(3600); // refresh
    data.writeInt(600); // retry
    data.writeInt(86400); // expire
    data.writeInt((int) TTL_SECONDS); // minimum
    return new DefaultDnsRawRecord(apex, DnsRecordType.SOA, TTL_SECONDS, data);
  }

  /** Lower case with the final dot, as names are compared. */
  private static String canonical(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n : n + ".";
  }
}

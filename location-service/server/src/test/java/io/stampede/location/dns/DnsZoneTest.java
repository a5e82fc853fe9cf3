package io.stampede.location.dns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.dns.DefaultDnsRecordDecoder;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DnsZoneTest {
  private final Map<String, String> vips = Map.of(
      "photos", "127.0.1.1",
      "my.dotted.bucket", "127.0.2.1",
      "v6", "::1",
      "k8s", "s2-vip.stampede.svc.cluster.local");
  private final AtomicLong version = new AtomicLong(42);
  private final DnsZone zone = new DnsZone("S3.Stampede.Test", "127.0.0.1",
      b -> Optional.ofNullable(vips.get(b)), version::get);

  @Test
  void aBucketResolvesToItsStampsVip() {
    DnsZone.Answer a = zone.answer("photos.s3.stampede.test.", DnsRecordType.A);
    assertEquals(DnsResponseCode.NOERROR, a.code());
    assertAddress(a.answers(), DnsRecordType.A, new byte[] {127, 0, 1, 1});
    assertEquals("photos.s3.stampede.test.", a.answers().get(0).name());
    assertEquals(DnsZone.TTL_SECONDS, a.answers().get(0).timeToLive());
  }

  @Test
  void namesCompareCaseInsensitivelyAndBucketsMayHoldDots() {
    assertAddress(zone.answer("MY.Dotted.Bucket.S3.stampede.test", DnsRecordType.A).answers(),
        DnsRecordType.A, new byte[] {127, 0, 2, 1});
  }

  @Test
  void theApexIsTheGlobalEndpoint() {
    assertAddress(zone.answer("s3.stampede.test.", DnsRecordType.A).answers(), DnsRecordType.A,
        new byte[] {127, 0, 0, 1});
    DnsZone.Answer soa = zone.answer("s3.stampede.test.", DnsRecordType.SOA);
    assertEquals(DnsRecordType.SOA, soa.answers().get(0).type());
  }

  @Test
  void anUnknownBucketDoesNotExistAndSaysForHowLong() {
    DnsZone.Answer a = zone.answer("nothere.s3.stampede.test.", DnsRecordType.A);
    assertEquals(DnsResponseCode.NXDOMAIN, a.code());
    assertEquals(List.of(), a.answers());
    ByteBuf soa = soaData(a.authority());
    assertEquals("ns.s3.stampede.test.", DefaultDnsRecordDecoder.decodeName(soa));
    assertEquals("hostmaster.s3.stampede.test.", DefaultDnsRecordDecoder.decodeName(soa));
    assertEquals(42, soa.readInt()); // serial: the directory's version
    soa.skipBytes(12);
    assertEquals(DnsZone.TTL_SECONDS, soa.readInt()); // the negative-answer TTL
    assertEquals(DnsResponseCode.NXDOMAIN, zone.answer(".s3.stampede.test.", DnsRecordType.A).code());
  }

  @Test
  void namesOutsideTheZoneAreRefused() {
    assertEquals(DnsResponseCode.REFUSED, zone.answer("example.com.", DnsRecordType.A).code());
    assertEquals(DnsResponseCode.REFUSED, zone.answer("photos.xs3.stampede.test.", DnsRecordType.A).code());
    assertEquals(DnsResponseCode.REFUSED, zone.answer("stampede.test.", DnsRecordType.A).code());
  }

  @Test
  void anotherTypeOfAnExistingNameIsNoDataNotNxdomain() {
    DnsZone.Answer a = zone.answer("photos.s3.stampede.test.", DnsRecordType.AAAA);
    assertEquals(DnsResponseCode.NOERROR, a.code());
    assertEquals(List.of(), a.answers());
    assertEquals(DnsRecordType.SOA, a.authority().get(0).type());
    assertAddress(zone.answer("v6.s3.stampede.test.", DnsRecordType.AAAA).answers(), DnsRecordType.AAAA,
        new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
  }

  @Test
  void aVipGivenByNameIsACname() {
    DnsZone.Answer a = zone.answer("k8s.s3.stampede.test.", DnsRecordType.A);
    DnsRawRecord r = (DnsRawRecord) a.answers().get(0);
    assertEquals(DnsRecordType.CNAME, r.type());
    assertEquals("s2-vip.stampede.svc.cluster.local.", DefaultDnsRecordDecoder.decodeName(r.content()));
  }

  @Test
  void theSerialFollowsTheDirectory() {
    version.set(43);
    ByteBuf soa = soaData(zone.answer("s3.stampede.test.", DnsRecordType.SOA).answers());
    DefaultDnsRecordDecoder.decodeName(soa);
    DefaultDnsRecordDecoder.decodeName(soa);
    assertEquals(43, soa.readInt());
  }

  private static ByteBuf soaData(List<DnsRecord> records) {
    assertEquals(1, records.size());
    assertEquals(DnsRecordType.SOA, records.get(0).type());
    return ((DnsRawRecord) records.get(0)).content();
  }

  private static void assertAddress(List<DnsRecord> records, DnsRecordType type, byte[] address) {
    assertEquals(1, records.size(), records.toString());
    assertEquals(type, records.get(0).type());
    assertArrayEquals(address, ByteBufUtil.getBytes(((DnsRawRecord) records.get(0)).content()));
  }
}

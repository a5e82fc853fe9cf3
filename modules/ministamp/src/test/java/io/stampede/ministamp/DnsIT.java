package io.stampede.ministamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stampede.common.net.Endpoint;
import io.stampede.location.dns.DnsZone;
import io.vertx.core.Vertx;
import io.vertx.core.dns.DnsClient;
import io.vertx.core.dns.DnsClientOptions;
import io.vertx.core.dns.DnsException;
import io.vertx.core.dns.DnsResponseCode;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The location service as the DNS authority of {@code s3.stampede.test}, asked by real resolvers:
 * Vert.x's DNS client, and the AWS SDK whose HTTP client resolves host names only through it and
 * then talks S3 virtual-hosted style to the address it got: the stamp's VIP.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DnsIT {
  @RegisterExtension static final SharedStamp STAMP = new SharedStamp();
  static Vertx vertx;
  static DnsClient dns;

  @BeforeAll
  static void resolver() {
    vertx = Vertx.vertx();
    Endpoint at = STAMP.stamp().dnsEndpoint();
    dns = vertx.createDnsClient(new DnsClientOptions().setHost(at.host()).setPort(at.port())
        .setQueryTimeout(5000).setRecursionDesired(false));
  }

  @AfterAll
  static void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aBucketResolvesToItsStampFromCreationToDeletion() throws Exception {
    String name = "dns-lives.s3.stampede.test";
    assertThat(failureOf(name)).isEqualTo(DnsResponseCode.NXDOMAIN);
    STAMP.s3().createBucket(b -> b.bucket("dns-lives"));
    assertThat(resolve(name)).as("the stamp's VIP").containsExactly(STAMP.stamp().vip().host());
    assertThat(resolve("s3.stampede.test")).as("the global endpoint").containsExactly(STAMP.stamp().s3Endpoint().host());
    STAMP.s3().deleteBucket(b -> b.bucket("dns-lives"));
    assertThat(failureOf(name)).isEqualTo(DnsResponseCode.NXDOMAIN);
    assertThat(failureOf("dns-lives.example.com")).isEqualTo(DnsResponseCode.REFUSED);
  }

  @Test
  void theSdkFindsTheStampByDnsAndSpeaksVirtualHostedStyle() throws Exception {
    STAMP.s3().createBucket(b -> b.bucket("dns-hosted")); // S3 creates through the global endpoint
    DnsResolver ours = new DnsResolver() {
      @Override
      public InetAddress[] resolve(String host) throws UnknownHostException {
        try {
          List<String> a = DnsIT.resolve(host);
          InetAddress[] out = new InetAddress[a.size()];
          for (int i = 0; i < out.length; i++) {
            out[i] = InetAddress.getByName(a.get(i)); // a literal: no lookup
          }
          return out;
        } catch (Exception e) {
          throw (UnknownHostException) new UnknownHostException(host + ": " + e).initCause(e);
        }
      }

      @Override
      public String resolveCanonicalHostname(String host) {
        return host;
      }
    };
    URI endpoint = URI.create("http://" + DnsZone.DEFAULT_APEX + ":" + STAMP.stamp().s3Endpoint().port());
    try (S3Client hosted = S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(StampConfig.DEFAULT_ACCESS_KEY, StampConfig.DEFAULT_SECRET_KEY)))
        .httpClientBuilder(Apache5HttpClient.builder().dnsResolver(ours))
        .build()) {
      hosted.putObject(b -> b.bucket("dns-hosted").key("k"), RequestBody.fromString("found by name"));
      assertThat(hosted.getObjectAsBytes(b -> b.bucket("dns-hosted").key("k")).asUtf8String())
          .isEqualTo("found by name");
      assertThat(hosted.listObjectsV2(b -> b.bucket("dns-hosted")).contents()).extracting(S3Object::key)
          .containsExactly("k");
      assertThatThrownBy(() -> hosted.headBucket(b -> b.bucket("dns-nowhere")))
          .isInstanceOf(SdkClientException.class).hasRootCauseInstanceOf(DnsException.class)
          .hasStackTraceContaining("NXDOMAIN"); // no stamp to ask
    }
    assertThat(STAMP.s3().getObjectAsBytes(b -> b.bucket("dns-hosted").key("k")).asUtf8String())
        .as("the same object path-style").isEqualTo("found by name");
  }

  static List<String> resolve(String name) throws Exception {
    return dns.resolveA(name).await(10, TimeUnit.SECONDS);
  }

  static DnsResponseCode failureOf(String name) throws Exception {
    try {
      resolve(name);
    } catch (DnsException e) {
      return e.code();
    }
    throw new AssertionError(name + " resolved");
  }
}

package io.stampede.location.service.journal;

import io.stampede.common.id.StampId;
import io.stampede.common.net.Endpoint;
import io.stampede.location.api.BucketLocation;
import io.stampede.location.api.bucket.BucketSettings;
import io.stampede.location.api.bucket.CorsConfiguration;
import io.stampede.location.api.bucket.CorsRule;
import io.stampede.location.api.bucket.LifecycleConfiguration;
import io.stampede.location.api.bucket.LifecycleExpiration;
import io.stampede.location.api.bucket.LifecycleFilter;
import io.stampede.location.api.bucket.LifecycleRule;
import io.stampede.location.api.bucket.NoncurrentVersionExpiration;
import io.stampede.location.api.bucket.VersioningState;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A location journal as format version 1 wrote it: {@link #JOURNAL_HEX} is a whole
 * {@code buckets.journal} (journal header and framing included) captured from the build that
 * still journaled {@code LocationJournalRecord} of location.proto, before location_storage.proto:
 * each record appended as {@code LocationService} did, {@code LocationJournalRecord} built with
 * {@code LocationCodec.toMsg} of the values below, except {@link #LEGACY}, built without settings
 * and id as builds before those fields wrote it. That build replayed it to the final state
 * asserted by the tests. Never change a value or its bytes: they stand for journals already on disk.
 */
public final class LocationJournalFormatV1 {
  public static final long T = 1_767_323_045_000L;
  public static final StampId S1 = StampId.of("s1");
  public static final StampId S2 = StampId.of("s2");
  public static final Endpoint S1_ENDPOINT = Endpoint.of("10.0.0.1", 9000);
  public static final Endpoint S1_MOVED_ENDPOINT = Endpoint.of("10.0.0.1", 9100);
  public static final Endpoint S2_ENDPOINT = Endpoint.of("10.0.0.2", 9000);

  /** Journaled by a build before bucket settings and ids: no settings field, no id field. */
  public static final BucketLocation LEGACY =
      new BucketLocation("legacy", S1, "alice", T - 86_400_000L, "us-east-1", "");
  public static final BucketLocation PHOTOS =
      new BucketLocation("photos", S1, "alice", T, "us-east-1", "mjx2k3l0a1b2c3d4");
  public static final BucketLocation PHOTOS_TAGGED = PHOTOS.withSettings(BucketSettings.NONE
      .withVersioning(VersioningState.ENABLED).withTags(ordered("team", "blue", "env", "prod")));
  /** Every CORS field, every lifecycle filter form and action. */
  public static final BucketLocation PHOTOS_CONFIGURED = PHOTOS_TAGGED.withSettings(PHOTOS_TAGGED.settings()
      .withCors(Optional.of(cors())).withLifecycle(Optional.of(photosLifecycle())));
  public static final BucketLocation SCRATCH_DELETED =
      new BucketLocation("scratch", S2, "bob", T + 1_000, "eu-west-1", "mjx2k4000506070a");
  public static final BucketLocation SCRATCH =
      new BucketLocation("scratch", S2, "carol", T + 2_000, "eu-west-1", "mjx2k5090a0b0c0d");
  public static final BucketLocation SCRATCH_SUSPENDED =
      SCRATCH.withSettings(BucketSettings.NONE.withVersioning(VersioningState.SUSPENDED));
  public static final BucketLocation ARCHIVE =
      new BucketLocation("archive", S2, "alice", T + 3_000, "us-west-2", "mjx2k60e0f101112");
  public static final BucketLocation ARCHIVE_LIFECYCLE =
      ARCHIVE.withSettings(BucketSettings.NONE.withLifecycle(Optional.of(archiveLifecycle())));

  /** The changes of {@link #JOURNAL_HEX}, in journal order. */
  public static List<JournalChange> changes() {
    return List.of(
        new JournalChange.StampRegistered(S1, S1_ENDPOINT),
        new JournalChange.StampRegistered(S2, S2_ENDPOINT),
        new JournalChange.BucketCreated(LEGACY),
        new JournalChange.BucketCreated(PHOTOS),
        new JournalChange.BucketUpdated(PHOTOS_TAGGED),
        new JournalChange.BucketUpdated(PHOTOS_CONFIGURED),
        new JournalChange.BucketCreated(SCRATCH_DELETED),
        new JournalChange.BucketDeleted("scratch"),
        new JournalChange.BucketCreated(SCRATCH),
        new JournalChange.BucketUpdated(SCRATCH_SUSPENDED),
        new JournalChange.BucketCreated(ARCHIVE),
        new JournalChange.BucketUpdated(ARCHIVE_LIFECYCLE),
        new JournalChange.StampRegistered(S1, S1_MOVED_ENDPOINT));
  }

  /** The buckets after replaying {@link #changes()}, by name. */
  public static List<BucketLocation> finalBuckets() {
    return List.of(ARCHIVE_LIFECYCLE, LEGACY, PHOTOS_CONFIGURED, SCRATCH_SUSPENDED);
  }

  public static final String JOURNAL_HEX =
      "534a4e4c00010000000000152dabc92c1a130a027331120d31302e302e302e313a39303030000000150aef62051a130a0273"
      + "32120d31302e302e302e323a39303030000000272eb948460a250a066c6567616379120273311a05616c6963652088e18cbc"
      + "b7332a0975732d656173742d310000003ba33b12c50a390a0670686f746f73120273311a05616c696365208899a6e5b7332a"
      + "0975732d656173742d3132003a106d6a78326b336c3061316232633364340000005820d1462622560a0670686f746f731202"
      + "73311a05616c696365208899a6e5b7332a0975732d656173742d31321d0801120c0a047465616d1204626c7565120b0a0365"
      + "6e76120470726f643a106d6a78326b336c3061316232633364340000017e2dcc275c22fb020a0670686f746f73120273311a"
      + "05616c696365208899a6e5b7332a0975732d656173742d3132c1020801120c0a047465616d1204626c7565120b0a03656e76"
      + "120470726f641a510a450a0377656212034745541204484541441a1568747470733a2f2f2a2e6578616d706c652e636f6d22"
      + "012a2a04455461672a10782d616d7a2d726571756573742d696430b8170a0812035055541a012a22ce010a1b0a0a6f6c642d"
      + "70726566697810011a0712056c6f67732f2202081e0a110a05656d7074791a0208012a04080710030a160a06707265666978"
      + "10011a0808021204746d702f30020a280a0374616710011a1108031a0d0a05636c6173731204636f6c64220c120a32303237"
      + "2d30312d30310a120a02677410011a060804208080402a02081e0a110a026c7410011a050805288001220208010a330a0361"
      + "6e6410011a1e08061205646174612f1a060a01611201311a060a0162120132200a28e8072202085a2a04080a100130053a10"
      + "6d6a78326b336c3061316232633364340000003a2b8dda060a380a0773637261746368120273321a03626f6220f0a0a6e5b7"
      + "332a0965752d776573742d3132003a106d6a78326b343030303530363037306100000009e0decd5512077363726174636800"
      + "00003c1f15069a0a3a0a0773637261746368120273321a056361726f6c20d8a8a6e5b7332a0965752d776573742d3132003a"
      + "106d6a78326b35303930613062306330640000003e9275142c223c0a0773637261746368120273321a056361726f6c20d8a8"
      + "a6e5b7332a0965752d776573742d31320208023a106d6a78326b35303930613062306330640000003c4bdfc0210a3a0a0761"
      + "726368697665120273321a05616c69636520c0b0a6e5b7332a0975732d776573742d3232003a106d6a78326b363065306631"
      + "303131313200000077e8de656022750a0761726368697665120273321a05616c69636520c0b0a6e5b7332a0975732d776573"
      + "742d32323b22390a130a076d61726b65727310011a020801220218010a220a05646174656410011a0908021205323032352f"
      + "220c120a323032362d30362d33303a106d6a78326b36306530663130313131320000001588ea5b521a130a027331120d3130"
      + "2e302e302e313a39313030";

  private LocationJournalFormatV1() {}

  /** {@link #JOURNAL_HEX} as the file bytes. */
  public static byte[] journalFile() {
    return HexFormat.of().parseHex(JOURNAL_HEX);
  }

  static Map<String, String> ordered(String... keysAndValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  private static CorsConfiguration cors() {
    return new CorsConfiguration(List.of(
        new CorsRule(Optional.of("web"), List.of("GET", "HEAD"), List.of("https://*.example.com"), List.of("*"),
            List.of("ETag", "x-amz-request-id"), OptionalInt.of(3000)),
        new CorsRule(Optional.empty(), List.of("PUT"), List.of("*"), List.of(), List.of(), OptionalInt.empty())));
  }

  private static LifecycleFilter filter(LifecycleFilter.Form form, String prefix, Map<String, String> tags,
      OptionalLong greaterThan, OptionalLong lessThan) {
    return new LifecycleFilter(form, prefix, tags, greaterThan, lessThan);
  }

  private static LifecycleConfiguration photosLifecycle() {
    OptionalLong none = OptionalLong.empty();
    return new LifecycleConfiguration(List.of(
        new LifecycleRule("old-prefix", true, LifecycleFilter.rulePrefix("logs/"),
            Optional.of(LifecycleExpiration.afterDays(30)), Optional.empty(), OptionalInt.empty()),
        new LifecycleRule("empty", false, filter(LifecycleFilter.Form.EMPTY, "", Map.of(), none, none),
            Optional.empty(), Optional.of(new NoncurrentVersionExpiration(7, OptionalInt.of(3))), OptionalInt.empty()),
        new LifecycleRule("prefix", true, LifecycleFilter.prefix("tmp/"),
            Optional.empty(), Optional.empty(), OptionalInt.of(2)),
        new LifecycleRule("tag", true, filter(LifecycleFilter.Form.TAG, "", ordered("class", "cold"), none, none),
            Optional.of(LifecycleExpiration.onDate(LocalDate.of(2027, 1, 1))), Optional.empty(), OptionalInt.empty()),
        new LifecycleRule("gt", true,
            filter(LifecycleFilter.Form.SIZE_GREATER_THAN, "", Map.of(), OptionalLong.of(1_048_576), none),
            Optional.empty(), Optional.of(new NoncurrentVersionExpiration(30, OptionalInt.empty())),
            OptionalInt.empty()),
        new LifecycleRule("lt", true, filter(LifecycleFilter.Form.SIZE_LESS_THAN, "", Map.of(), none,
            OptionalLong.of(128)), Optional.of(LifecycleExpiration.afterDays(1)), Optional.empty(), OptionalInt.empty()),
        new LifecycleRule("and", true, filter(LifecycleFilter.Form.AND, "data/", ordered("a", "1", "b", "2"),
            OptionalLong.of(10), OptionalLong.of(1000)), Optional.of(LifecycleExpiration.afterDays(90)),
            Optional.of(new NoncurrentVersionExpiration(10, OptionalInt.of(1))), OptionalInt.of(5))));
  }

  private static LifecycleConfiguration archiveLifecycle() {
    OptionalLong none = OptionalLong.empty();
    return new LifecycleConfiguration(List.of(
        new LifecycleRule("markers", true, filter(LifecycleFilter.Form.EMPTY, "", Map.of(), none, none),
            Optional.of(new LifecycleExpiration(OptionalInt.empty(), Optional.empty(), Optional.of(true))),
            Optional.empty(), OptionalInt.empty()),
        new LifecycleRule("dated", true, LifecycleFilter.prefix("2025/"),
            Optional.of(LifecycleExpiration.onDate(LocalDate.of(2026, 6, 30))), Optional.empty(),
            OptionalInt.empty())));
  }
}

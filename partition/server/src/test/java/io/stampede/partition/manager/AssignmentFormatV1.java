package io.stampede.partition.manager;

import io.stampede.common.id.PartitionId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.common.key.IndexKey;
import io.stampede.common.key.KeyRange;
import io.stampede.common.net.Endpoint;
import io.stampede.partition.api.PartitionEntry;
import io.stampede.partition.api.PartitionServerInfo;
import io.stampede.partition.api.RangeLoad;
import io.stampede.partition.api.ServerReport;
import java.util.List;
import java.util.Optional;

/**
 * The partition manager's Raft state as format version 1 wrote it (captured from the build that
 * still kept these messages in partition.proto, before storage.proto): a snapshot of
 * {@link PartitionAssignment} and one Raft log command of every kind, with their bytes. Never
 * change a value or its bytes: they stand for snapshots and log entries already on disk.
 */
final class AssignmentFormatV1 {
  static final long T = 1_700_000_000_000L;
  static final PartitionServerInfo S1 =
      PartitionServerInfo.of(PartitionServerId.of("s1"), Endpoint.of("10.0.0.1", 7001));
  static final PartitionServerInfo S2 =
      PartitionServerInfo.of(PartitionServerId.of("s2"), Endpoint.of("10.0.0.2", 7002));

  static PartitionId p(int n) {
    return PartitionId.numbered(n);
  }

  static String key(String k) {
    return IndexKey.of("b", k);
  }

  /** A snapshot with assigned and unassigned ranges, sources, two servers' leases and reports, and a pending range. */
  static PartitionAssignment assignment() {
    return new PartitionAssignment(12, 5,
        List.of(new PartitionEntry(p(1), KeyRange.of("", key("m")), S1.id(), List.of()),
            new PartitionEntry(p(3), KeyRange.of(key("m"), key("t")), null, List.of(p(2))),
            new PartitionEntry(p(4), KeyRange.of(key("t"), ""), S2.id(), List.of(p(2)))),
        List.of(new PartitionAssignment.ServerLease(S1, T + 10_000, T - 50_000, 11,
                List.of(new RangeLoad(p(1), true, 120, 4_096, 2.5, Optional.of(key("f"))))),
            new PartitionAssignment.ServerLease(S2, T + 9_000, T - 40_000, 12,
                List.of(RangeLoad.notLoaded(p(4)), new RangeLoad(p(2), true, 7, 70, 0.25, Optional.empty())))),
        List.of(new PartitionAssignment.Pending(p(3), S2.id(), 12, List.of(p(2)))),
        T - 3_600_000);
  }

  // One Raft log command of every kind; in this order a fresh state machine applies them all:
  // initialize(SPLIT_POINTS); heartbeat(REPORT_S1, T, 10 s); heartbeat(REPORT_S2, T + 1 s, 10 s);
  // assign_orphans(T + 5 s, grace 2 s); assign(p2, s2); split(p0, reported key, T + 6 s);
  // merge(p1, T + 7 s); move(p3, s2, T + 8 s); replace(REPLACE_RANGES).
  static final List<String> SPLIT_POINTS = List.of(key("h"), key("p"));
  static final ServerReport REPORT_S1 = new ServerReport(S1, 1,
      List.of(new RangeLoad(p(0), true, 120, 4_096, 2.5, Optional.of(key("f"))), RangeLoad.notLoaded(p(2))));
  static final ServerReport REPORT_S2 = new ServerReport(S2, 1,
      List.of(new RangeLoad(p(1), true, 3, 30, 0, Optional.empty()), new RangeLoad(p(2), true, 4, 40, 0.5,
          Optional.of(key("q")))));
  static final List<PartitionEntry> REPLACE_RANGES = List.of(
      new PartitionEntry(p(7), KeyRange.of("", key("k")), S1.id(), List.of()),
      new PartitionEntry(p(8), KeyRange.of(key("k"), ""), null, List.of(p(5), p(6))));

  /** {@link #assignment()} as format version 1 wrote it. */
  static final String SNAPSHOT_HEX =
      "0801100c1a0d0a0270311a03622f6d220273311a120a0270331203622f6d1a03622f74320270321a110a0270341203622f74"
      + "2202733232027032223e0a110a027331120831302e302e302e3118d93610909e96ffbc3118b0c992ffbc31200b2a190a0270"
      + "31100118782080202900000000000004403203622f66223e0a110a027332120831302e302e302e3218da3610a89696ffbc31"
      + "18c09793ffbc31200c2a040a0270342a130a02703210011807204629000000000000d03f2805320e0a02703312027332180c"
      + "220270323880f3b9fdbc31";

  static final String INITIALIZE_HEX = "0a0a0a03622f680a03622f70";
  static final String HEARTBEAT_S1_HEX =
      "12400a110a027331120831302e302e302e3118d9361080d095ffbc3118904e20012a190a0270301001187820802029000000"
      + "00000004403203622f662a040a027032";
  static final String HEARTBEAT_S2_HEX =
      "12450a110a027332120831302e302e302e3218da3610e8d795ffbc3118904e20012a0a0a02703110011803201e2a180a0270"
      + "3210011804202829000000000000e03f3203622f71";
  static final String ASSIGN_ORPHANS_HEX = "1a0a0888f795ffbc3110d00f";
  static final String ASSIGN_HEX = "22080a02703212027332";
  static final String SPLIT_HEX = "2a0b0a02703018f0fe95ffbc31";
  static final String MERGE_HEX = "320b0a02703110d88696ffbc31";
  static final String MOVE_HEX = "3a0f0a0270331202733218c08e96ffbc31";
  static final String REPLACE_HEX = "42220a0d0a0270371a03622f6b220273310a110a0270381203622f6b3202703532027036";

  private AssignmentFormatV1() {}
}

package io.stampede.ministamp;

import io.stampede.common.id.ExtentId;
import io.stampede.common.id.FrontendNodeId;
import io.stampede.common.id.ExtentNodeId;
import io.stampede.common.id.ManagerPeerId;
import io.stampede.common.id.PartitionId;
import io.stampede.common.id.PartitionServerId;
import io.stampede.common.id.RackId;
import io.stampede.common.id.StampId;
import io.stampede.common.id.StreamId;
import io.stampede.common.key.KeyRange;
import io.stampede.common.net.Endpoint;
import io.stampede.location.api.StampSummary;
import io.stampede.ministamp.StampStatus.ExtentNodeStatus;
import io.stampede.ministamp.StampStatus.FrontendStatus;
import io.stampede.ministamp.StampStatus.ExtentStatus;
import io.stampede.ministamp.StampStatus.PartitionStatus;
import io.stampede.partition.api.RangeLoad;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link StampStatus} as the JSON of the console's {@code /status}, and back, for
 * {@code ./stamp status}. Summary counts are included for readers with only curl and jq.
 */
final class StatusJson {
  private StatusJson() {}

  static JsonObject toJson(StampStatus s) {
    JsonArray frontends = new JsonArray();
    s.frontends().forEach(f -> frontends.add(new JsonObject().put("id", f.id().value()).put("up", f.up())));
    JsonArray stamps = new JsonArray();
    s.stamps().forEach(t -> stamps.add(new JsonObject().put("stamp", t.stamp().value())
        .put("vip", t.endpoint().toString()).put("capacityBytes", t.capacityBytes()).put("usedBytes", t.usedBytes())
        .put("fill", t.fill()).put("reportedMs", t.reportedMs()).put("buckets", t.buckets())));
    JsonArray nodes = new JsonArray();
    s.extentNodes().forEach(n -> nodes.add(new JsonObject()
        .put("id", n.id().value()).put("rack", n.rack().value()).put("endpoint", n.endpoint().toString())
        .put("up", n.up()).put("alive", n.alive()).put("extents", n.extents()).put("bytes", n.bytes())));
    JsonArray extents = new JsonArray();
    s.extents().forEach(e -> extents.add(new JsonObject()
        .put("id", e.id().value()).put("stream", e.stream().value()).put("sealed", e.sealed())
        .put("length", e.length())
        .put("replicas", new JsonArray(e.replicas().stream().map(ExtentNodeId::value).toList()))));
    JsonArray partitions = new JsonArray();
    s.partitions().forEach(p -> {
      JsonObject o = new JsonObject()
          .put("id", p.id().value()).put("low", p.range().low()).put("high", p.range().high())
          .put("server", p.server().map(PartitionServerId::value).orElse(null));
      p.load().ifPresent(l -> o.put("loaded", l.loaded()).put("keys", l.keys()).put("bytes", l.bytes())
          .put("requestsPerSecond", l.requestsPerSecond()).put("splitKey", l.splitKey().orElse(null))
          .put("blobSealedBytes", l.blobSealedBytes()).put("blobLiveBytes", l.blobLiveBytes())
          .put("ownBlobsOnly", l.ownBlobsOnly()));
      partitions.add(o);
    });
    return new JsonObject()
        .put("stamp", s.stamp().value())
        .put("vip", s.vip().toString())
        .put("frontends", frontends)
        .put("stamps", stamps)
        .put("racks", new JsonArray(s.racks().stream().map(RackId::value).toList()))
        .put("extentNodesUp", s.extentNodesUp())
        .put("openExtents", s.openExtents())
        .put("sealedExtents", s.sealedExtents())
        .put("underReplicated", s.underReplicated())
        .put("extentsNeedingRepair", s.extentsNeedingRepair().size())
        .put("partitionManagerLeader", s.partitionManagerLeader().map(ManagerPeerId::value).orElse(null))
        .put("streamManagerLeader", s.streamManagerLeader().map(ManagerPeerId::value).orElse(null))
        .put("extentNodes", nodes)
        .put("extents", extents)
        .put("partitions", partitions);
  }

  static StampStatus fromJson(JsonObject j) {
    List<FrontendStatus> frontends = new ArrayList<>();
    for (Object o : j.getJsonArray("frontends", new JsonArray())) {
      JsonObject f = (JsonObject) o;
      frontends.add(new FrontendStatus(FrontendNodeId.of(f.getString("id")), f.getBoolean("up")));
    }
    List<StampSummary> stamps = new ArrayList<>();
    for (Object o : j.getJsonArray("stamps", new JsonArray())) {
      JsonObject t = (JsonObject) o;
      stamps.add(new StampSummary(StampId.of(t.getString("stamp")), Endpoint.parse(t.getString("vip")),
          t.getLong("capacityBytes"), t.getLong("usedBytes"), t.getLong("reportedMs"), t.getInteger("buckets")));
    }
    List<ExtentNodeStatus> nodes = new ArrayList<>();
    for (Object o : j.getJsonArray("extentNodes", new JsonArray())) {
      JsonObject n = (JsonObject) o;
      nodes.add(new ExtentNodeStatus(ExtentNodeId.of(n.getString("id")), RackId.of(n.getString("rack")),
          Endpoint.parse(n.getString("endpoint")), n.getBoolean("up"), n.getBoolean("alive"),
          n.getInteger("extents"), n.getLong("bytes")));
    }
    List<ExtentStatus> extents = new ArrayList<>();
    for (Object o : j.getJsonArray("extents", new JsonArray())) {
      JsonObject e = (JsonObject) o;
      List<ExtentNodeId> replicas = e.getJsonArray("replicas").stream()
          .map(r -> ExtentNodeId.of((String) r)).toList();
      extents.add(new ExtentStatus(ExtentId.of(e.getString("id")), StreamId.of(e.getString("stream")),
          e.getBoolean("sealed"), e.getLong("length"), replicas));
    }
    List<PartitionStatus> partitions = new ArrayList<>();
    for (Object o : j.getJsonArray("partitions", new JsonArray())) {
      JsonObject p = (JsonObject) o;
      PartitionId id = PartitionId.of(p.getString("id"));
      Optional<RangeLoad> load = p.containsKey("keys") ? Optional.of(new RangeLoad(id, p.getBoolean("loaded"),
          p.getLong("keys"), p.getLong("bytes"), p.getDouble("requestsPerSecond"),
          Optional.ofNullable(p.getString("splitKey")), p.getLong("blobSealedBytes", 0L),
          p.getLong("blobLiveBytes", 0L), p.getBoolean("ownBlobsOnly", false))) : Optional.empty();
      partitions.add(new PartitionStatus(id, KeyRange.of(p.getString("low"), p.getString("high")),
          Optional.ofNullable(p.getString("server")).map(PartitionServerId::of), load));
    }
    return new StampStatus(StampId.of(j.getString("stamp")), Endpoint.parse(j.getString("vip")), frontends, stamps,
        nodes, extents, j.getInteger("underReplicated"),
        partitions, Optional.ofNullable(j.getString("partitionManagerLeader")).map(ManagerPeerId::of),
        Optional.ofNullable(j.getString("streamManagerLeader")).map(ManagerPeerId::of));
  }
}

package io.stampede.location.service.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.stampede.common.id.StampId;
import io.stampede.common.journal.Journal;
import io.stampede.common.net.Endpoint;
import io.stampede.location.api.BucketLocation;
import io.stampede.proto.storage.location.LocationJournalRecordMsg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocationJournalCodecTest {
  @TempDir Path dir;

  /** The payloads of the version 1 journal, replayed by the journal itself. */
  private List<byte[]> version1Payloads() throws Exception {
    Path file = dir.resolve("buckets.journal");
    Files.write(file, LocationJournalFormatV1.journalFile());
    List<byte[]> payloads = new ArrayList<>();
    try (Journal ignored = Journal.open("test", file, payloads::add)) {
      return payloads;
    }
  }

  private static void assertNothingUnread(Message m) {
    assertEquals(Map.of(), m.getUnknownFields().asMap(), () -> "unread fields in " + m);
    for (Map.Entry<FieldDescriptor, Object> f : m.getAllFields().entrySet()) {
      if (f.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      if (f.getKey().isRepeated()) {
        ((List<?>) f.getValue()).forEach(v -> assertNothingUnread((Message) v));
      } else {
        assertNothingUnread((Message) f.getValue());
      }
    }
  }

  @Test
  void readsAJournalAsFormatVersion1WroteIt() throws Exception {
    List<Optional<JournalChange>> read = new ArrayList<>();
    for (byte[] payload : version1Payloads()) {
      read.add(LocationJournalCodec.decode(payload));
    }
    assertEquals(LocationJournalFormatV1.changes().stream().map(Optional::of).toList(), read);
  }

  @Test
  void readsEveryFieldFormatVersion1WroteAndWritesThemTheSame() throws Exception {
    List<byte[]> payloads = version1Payloads();
    List<JournalChange> changes = LocationJournalFormatV1.changes();
    assertEquals(changes.size(), payloads.size());
    for (int i = 0; i < payloads.size(); i++) {
      LocationJournalRecordMsg v1 = LocationJournalRecordMsg.parseFrom(payloads.get(i));
      assertNothingUnread(v1);
      assertEquals(0, v1.getFormatVersion(), "records of version 1 were written without a format_version");
      LocationJournalRecordMsg.Builder now = LocationJournalCodec.toMsg(changes.get(i)).toBuilder()
          .clearFormatVersion();
      if (v1.hasBucketCreated() && !v1.getBucketCreated().hasSettings()) {
        now.getBucketCreatedBuilder().clearSettings(); // LEGACY: written before settings existed
      }
      assertEquals(v1, now.build());
    }
  }

  @Test
  void changesRoundTrip() throws Exception {
    List<JournalChange> changes = new ArrayList<>(LocationJournalFormatV1.changes());
    changes.add(new JournalChange.BucketCreated(
        new BucketLocation("fresh", StampId.of("s9"), "", 0, "", "")));
    changes.add(new JournalChange.StampRegistered(StampId.of("s9"), Endpoint.of("::1", 0)));
    for (JournalChange change : changes) {
      byte[] bytes = LocationJournalCodec.encode(change);
      assertEquals(LocationJournalCodec.FORMAT_VERSION, LocationJournalRecordMsg.parseFrom(bytes).getFormatVersion());
      assertEquals(Optional.of(change), LocationJournalCodec.decode(bytes));
    }
  }

  @Test
  void skipsAnUnknownKindAndRefusesANewerFormatAndGarbage() {
    // format_version 1 (field 15) and an empty field 5, a kind of change this build does not know
    assertEquals(Optional.empty(), LocationJournalCodec.decode(HexFormat.of().parseHex("2a007801")));
    byte[] v2 = LocationJournalRecordMsg.newBuilder().setFormatVersion(2).setBucketDeleted("b").build().toByteArray();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LocationJournalCodec.decode(v2))
        .getMessage().contains("format 2"));
    assertThrows(IllegalArgumentException.class, () -> LocationJournalCodec.decode(new byte[] {0x0a, 0x7f}));
  }
}

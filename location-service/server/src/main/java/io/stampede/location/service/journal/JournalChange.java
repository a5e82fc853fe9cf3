package io.stampede.location.service.journal;

import io.stampede.common.id.StampId;
import io.stampede.common.net.Endpoint;
import io.stampede.location.api.BucketLocation;
import java.util.Objects;

/** One change to the location service's directory, as its journal records it; replayed in order. */
public sealed interface JournalChange {
  /** A stamp registered, or registered again at a new endpoint. */
  record StampRegistered(StampId stamp, Endpoint endpoint) implements JournalChange {
    public StampRegistered {
      Objects.requireNonNull(stamp, "stamp");
      Objects.requireNonNull(endpoint, "endpoint");
    }
  }

  /** A bucket created: its whole record. */
  record BucketCreated(BucketLocation bucket) implements JournalChange {
    public BucketCreated {
      Objects.requireNonNull(bucket, "bucket");
    }
  }

  /** A bucket's settings changed: its whole record after the change. */
  record BucketUpdated(BucketLocation bucket) implements JournalChange {
    public BucketUpdated {
      Objects.requireNonNull(bucket, "bucket");
    }
  }

  /** A bucket deleted, by name. */
  record BucketDeleted(String bucket) implements JournalChange {
    public BucketDeleted {
      Objects.requireNonNull(bucket, "bucket");
    }
  }
}

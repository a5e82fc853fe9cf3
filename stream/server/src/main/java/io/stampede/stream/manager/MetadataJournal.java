package io.stampede.stream.manager;

import io.stampede.common.journal.Journal;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The stream manager's durable log of {@link StreamCommand}s: {@code <dataDir>/stream-manager.journal},
 * a {@link Journal} (format documented there) whose records are {@link StreamCommand#encode()}.
 * Replayed in order at start. Issue 3 replaces this with a Raft log of the same commands.
 * Blocking: call from a worker thread.
 */
public final class MetadataJournal implements AutoCloseable {
  private final Journal journal;

  private MetadataJournal(Journal journal) {
    this.journal = journal;
  }

  /** Opens (or creates) the journal in {@code dir}, handing every stored command to {@code replay}. */
  public static MetadataJournal open(Path dir, Consumer<StreamCommand> replay) throws IOException {
    return new MetadataJournal(Journal.open("stream-manager", dir.resolve("stream-manager.journal"),
        payload -> replay.accept(StreamCommand.decode(payload))));
  }

  /** Appends one command and fsyncs. */
  public void append(StreamCommand command) throws IOException {
    journal.append(command.encode());
  }

  @Override
  public void close() throws IOException {
    journal.close();
  }
}

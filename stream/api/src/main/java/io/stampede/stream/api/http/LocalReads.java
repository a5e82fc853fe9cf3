package io.stampede.stream.api.http;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.common.file.FileReads;
import io.stampede.common.net.Endpoint;
import io.stampede.common.rpc.RpcBytes;
import io.stampede.stream.api.ExtentFileHeader;
import io.stampede.stream.api.ExtentNodeApi;
import io.stampede.stream.api.ExtentPointer;
import io.stampede.stream.api.StreamErrorCode;
import io.stampede.stream.api.StreamException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.UUID;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Short-circuit reads, as HDFS's local reads: a reader on the same host as an extent node reads
 * that node's replica files itself instead of having the node read them and send them over a
 * socket. The node says where its files are ({@link BlockTransfer#LOCAL_PATH}: its directory and
 * the random token it wrote there at start, {@link #TOKEN_FILE}); the reader uses them only if the
 * directory it finds at that path holds that token, so a reader on another host, or in another
 * container, never does (device and inode numbers would not tell: hosts cloned from one image
 * share them). Each block is read on Vert.x's worker pool in pieces and checked as the network
 * reader checks it ({@link ReceivedRecord}); on any failure (a file gone, a record cut or corrupt)
 * {@link #read} reads the block over the network instead, where the node's errors apply.
 *
 * <p>What a node says is trusted for {@link #RECHECK}: after that it is asked again, so the files
 * of a node that died (they stay on the disk) stop being read within that time, as HDFS's
 * readers stop using a dead DataNode's shared slots. Thread-safe; answers complete on
 * the caller's context.
 */
public final class LocalReads {
  /** How long a node's answer is used before it is asked again. */
  public static final Duration RECHECK = Duration.ofSeconds(1);
  /** The file in a node's directory holding its token (no extent's file name starts with a dot). */
  public static final String TOKEN_FILE = ".local-token";
  private static final int TOKEN_BYTES_MAX = 64;
  /** The most bytes one piece of a block takes (the network reader's pieces are this size). */
  static final int PIECE_BYTES = BlockTransferClient.PIECE_BYTES_MAX;
  private static final Logger log = LoggerFactory.getLogger(LocalReads.class);

  private final Vertx vertx;
  private final BlockTransferClient nodes;
  private final Counter fromFiles;
  private final Counter fromNetwork;
  private final Counter fallbacks;
  private final Counter fileBytes;
  /** Each node's answer, asked once however many wait for it (it never fails: see {@link #ask}). */
  private final Cache<Endpoint, Future<Optional<Path>>> answers =
      CacheBuilder.newBuilder().maximumSize(4096).expireAfterWrite(RECHECK).build();
  private final ConcurrentMap<Endpoint, Path> announced = new ConcurrentHashMap<>();

  private LocalReads(Vertx vertx, BlockTransferClient nodes, MeterRegistry registry, String reader) {
    this.vertx = vertx;
    this.nodes = nodes;
    this.fromFiles = blocks(registry, reader, "file");
    this.fromNetwork = blocks(registry, reader, "network");
    this.fallbacks = Counter.builder("stampede.localreads.fallbacks").tag("reader", reader)
        .description("reads of a local replica file that failed and went over the network").register(registry);
    this.fileBytes = Counter.builder("stampede.localreads.bytes").tag("reader", reader).baseUnit("bytes")
        .description("payload bytes read from the replica files of nodes on this host").register(registry);
  }

  private static Counter blocks(MeterRegistry registry, String reader, String from) {
    return Counter.builder("stampede.localreads.blocks").tag("reader", reader).tag("from", from)
        .description("blocks read: from the replica file of a node on this host (from=file), or over the data plane"
            + " (from=network: the node is elsewhere, or its file failed)")
        .register(registry);
  }

  /**
   * Local reads asking nodes through {@code nodes}, counted in {@code registry} under the tag
   * {@code reader} (who reads: {@code frontend}, {@code stream-client}).
   */
  public static LocalReads create(Vertx vertx, BlockTransferClient nodes, MeterRegistry registry, String reader) {
    return new LocalReads(vertx, nodes, registry, reader);
  }

  /**
   * The directory holding the replica files of {@code node}, if this process sees it as the node
   * does; empty if the node is elsewhere or cannot say (it is asked again next time).
   */
  public Future<Optional<Path>> dir(Endpoint node) {
    Future<Optional<Path>> answer;
    try {
      answer = answers.get(node, () -> ask(node));
    } catch (ExecutionException e) {
      return Future.failedFuture(e.getCause());
    }
    if (answer.isComplete()) {
      return Future.succeededFuture(answer.result());
    }
    ContextInternal context = ContextInternal.current();
    if (context == null) {
      return answer;
    }
    // the answer comes on the context of whoever asked first: hand it over on the caller's
    PromiseInternal<Optional<Path>> here = context.promise();
    answer.onComplete(here);
    return here.future();
  }

  /**
   * The verified payload of the block at {@code pointer} from the replica on {@code node}: read
   * from its file if the node is on this host, else, or if that fails, over the data plane, where
   * the node's own errors apply.
   */
  public Future<Buffer> read(Endpoint node, ExtentPointer pointer) {
    return dir(node).compose(dir -> {
      if (dir.isEmpty()) {
        fromNetwork.increment();
        return nodes.read(node, pointer);
      }
      return readFile(dir.get(), pointer).transform(file -> {
        if (file.succeeded()) {
          fromFiles.increment();
          fileBytes.increment(pointer.length());
          return Future.succeededFuture(file.result());
        }
        log.debug("LocalReads: {} from the file of {} failed, reading it over the network: {}",
            pointer, node, file.cause().toString());
        fallbacks.increment();
        fromNetwork.increment();
        return nodes.read(node, pointer);
      });
    });
  }

  /**
   * The verified payload of the block at {@code pointer}, read from its replica file in
   * {@code dir} (from {@link #dir}). Fails with a StreamException: NOT_FOUND if there is no such
   * file, CORRUPT if the header or record is not what the pointer says.
   */
  public Future<Buffer> readFile(Path dir, ExtentPointer pointer) {
    return vertx.executeBlocking(() -> readBlock(dir, pointer), false);
  }

  /** The node's answer, checked; empty, and so not asked again for a while, when it cannot say. */
  private Future<Optional<Path>> ask(Endpoint node) {
    return nodes.whereLocal(node)
        .compose(where -> vertx.executeBlocking(() -> visible(node, where), false))
        .otherwise(t -> {
          log.debug("LocalReads: {} did not say where its files are: {}", node, t.toString());
          return Optional.empty();
        });
  }

  private Optional<Path> visible(Endpoint node, BlockTransfer.LocalDir where) {
    try {
      if (where.token().equals(token(where.dir()))) {
        if (!where.dir().equals(announced.put(node, where.dir()))) {
          log.info("LocalReads: reading the replica files of {} in {} directly", node, where.dir());
        }
        return Optional.of(where.dir());
      }
    } catch (IOException | RuntimeException e) {
      log.debug("LocalReads: {} of {} is not visible here: {}", where.dir(), node, e.toString());
    }
    return Optional.empty();
  }

  /** The token in {@code dir} ({@link #TOKEN_FILE}); throws IOException if there is none. */
  public static String token(Path dir) throws IOException {
    byte[] bytes = Files.readAllBytes(dir.resolve(TOKEN_FILE));
    if (bytes.length > TOKEN_BYTES_MAX) {
      throw new IOException("token of " + bytes.length + " bytes in " + dir);
    }
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  /** Writes a new random token into {@code dir} (as a node does at start) and returns it. */
  public static String newToken(Path dir) throws IOException {
    String token = UUID.randomUUID().toString();
    Path tmp = dir.resolve(TOKEN_FILE + ".tmp");
    Files.write(tmp, token.getBytes(StandardCharsets.US_ASCII));
    Files.move(tmp, dir.resolve(TOKEN_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return token;
  }

  private static Buffer readBlock(Path dir, ExtentPointer pointer) throws IOException {
    Path file = dir.resolve(ExtentFileHeader.fileName(pointer.extent())).normalize();
    if (!dir.equals(file.getParent())) {
      throw new StreamException(StreamErrorCode.NOT_FOUND, "no replica file " + file);
    }
    ReceivedRecord record = new ReceivedRecord(pointer);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long position = ExtentFileHeader.check(channel, pointer.extent()) + pointer.offset();
      long left = ExtentNodeApi.BLOCK_OVERHEAD_BYTES + (long) pointer.length();
      while (left > 0) {
        ByteBuffer piece = ByteBuffer.allocate((int) Math.min(left, PIECE_BYTES));
        FileReads.readFully(channel, piece, position);
        position += piece.capacity();
        left -= piece.capacity();
        record.add(RpcBytes.wrap(piece.array()));
      }
    } catch (NoSuchFileException e) {
      throw new StreamException(StreamErrorCode.NOT_FOUND, "no replica file " + file);
    } catch (EOFException e) {
      throw new StreamException(StreamErrorCode.CORRUPT, pointer + ": " + file + " is short: " + e.getMessage());
    }
    return record.payload();
  }
}

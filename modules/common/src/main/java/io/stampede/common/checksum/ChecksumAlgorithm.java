package io.stampede.common.checksum;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** The S3 additional checksums, each sent base64-encoded in {@code x-amz-checksum-<name>}. */
public enum ChecksumAlgorithm {
  CRC32("crc32"),
  CRC32C("crc32c"),
  CRC64NVME("crc64nvme"),
  SHA1("sha1"),
  SHA256("sha256");

  public static final String HEADER_PREFIX = "x-amz-checksum-";

  private final String suffix;

  ChecksumAlgorithm(String suffix) {
    this.suffix = suffix;
  }

  /** The (lower-case) header carrying this checksum. */
  public String header() {
    return HEADER_PREFIX + suffix;
  }

  public static Optional<ChecksumAlgorithm> fromHeader(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (ChecksumAlgorithm a : values()) {
      if (a.header().equals(n)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  public Digest newDigest() {
    return switch (this) {
      case CRC32 -> new ChecksumDigest(new CRC32(), 4);
      case CRC32C -> new ChecksumDigest(new CRC32C(), 4);
      case CRC64NVME -> new ChecksumDigest(new Crc64Nvme(), 8);
      case SHA1 -> new MessageDigestDigest("SHA-1");
      case SHA256 -> new MessageDigestDigest("SHA-256");
    };
  }

  /** A running digest over a byte stream. */
  public interface Digest {
    void update(byte[] bytes, int off, int len);

    /** Takes the bytes from the buffer's position to its limit, consuming them. */
    void update(ByteBuffer bytes);

    /** The final value, big-endian, as S3 base64-encodes it. */
    byte[] value();
  }

  private record ChecksumDigest(Checksum checksum, int width) implements Digest {
    @Override
    public void update(byte[] bytes, int off, int len) {
      checksum.update(bytes, off, len);
    }

    @Override
    public void update(ByteBuffer bytes) {
      checksum.update(bytes);
    }

    @Override
    public byte[] value() {
      ByteBuffer b = ByteBuffer.allocate(8).putLong(checksum.getValue());
      byte[] out = new byte[width];
      System.arraycopy(b.array(), 8 - width, out, 0, width);
      return out;
    }
  }

  /** A {@link Digest} over a JDK message digest (MD5, SHA-1, SHA-256). */
  public static Digest jdkDigest(String name) {
    return new MessageDigestDigest(name);
  }

  private static final class MessageDigestDigest implements Digest {
    private final MessageDigest md;

    MessageDigestDigest(String name) {
      md = messageDigest(name);
    }

    @Override
    public void update(byte[] bytes, int off, int len) {
      md.update(bytes, off, len);
    }

    @Override
    public void update(ByteBuffer bytes) {
      md.update(bytes);
    }

    @Override
    public byte[] value() {
      return md.digest();
    }
  }

  /** A JDK message digest every Java runtime must provide (MD5, SHA-1, SHA-256). */
  public static MessageDigest messageDigest(String name) {
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks " + name, e);
    }
  }
}

package io.stampede.frontend.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Derived signing keys per access key, date and region; they change once a day. Bounded. */
final class SigningKeyCache {
  private static final int MAX_ENTRIES = 1024;
  private final Map<String, byte[]> keys = new ConcurrentHashMap<>();

  byte[] get(String accessKey, String secret, String date, String region) {
    String id = accessKey + '\n' + date + '\n' + region;
    byte[] key = keys.get(id);
    if (key == null) {
      if (keys.size() >= MAX_ENTRIES) {
        keys.clear();
      }
      key = SigV4.signingKey(secret, date, region, SigV4.SERVICE);
      keys.put(id, key);
    }
    return key;
  }
}

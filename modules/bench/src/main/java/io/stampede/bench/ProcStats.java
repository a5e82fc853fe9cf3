package io.stampede.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Linux process's CPU time and peak resident set, from {@code /proc}: user plus system time
 * ({@code utime}, {@code stime}: fields 14 and 15 of {@code /proc/PID/stat}, in clock ticks of
 * 1/100 s, USER_HZ on every Linux we run on) and {@code VmHWM} of {@code /proc/PID/status}.
 * NaN / -1 when the process is gone or this is not Linux.
 */
final class ProcStats {
  static final int CLOCK_TICKS_PER_SECOND = 100;

  private ProcStats() {}

  static double cpuSeconds(long pid) {
    try {
      return parseCpuSeconds(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** Peak RSS in bytes, or -1. */
  static long peakRssBytes(long pid) {
    try {
      return parsePeakRssBytes(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** utime + stime of a {@code /proc/PID/stat} line; the command name may hold spaces and parentheses. */
  static double parseCpuSeconds(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    // fields[0] is field 3 (state), so utime (field 14) is fields[11] and stime fields[12].
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks / (double) CLOCK_TICKS_PER_SECOND;
  }

  /** VmHWM of a {@code /proc/PID/status} text, in bytes; -1 if absent. */
  static long parsePeakRssBytes(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmHWM:")) {
        String[] parts = line.substring(6).trim().split("\\s+");
        return Long.parseLong(parts[0]) * 1024;
      }
    }
    return -1;
  }
}

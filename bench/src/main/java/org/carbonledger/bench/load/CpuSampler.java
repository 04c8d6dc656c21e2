package org.carbonledger.bench.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time used by each process of the local network (from its pid file) and by this process, plus the machine's
 * busy time, between two snapshots, read from Linux {@code /proc}. This is what says where the time of a load run
 * went; elsewhere than Linux it reports nothing.
 */
final class CpuSampler {
    /** USER_HZ: Linux reports process times in ticks of 1/100 s on every architecture that matters here. */
    private static final double TICK_SECONDS = 0.01;
    static final String SELF = "load-generator";
    static final String MACHINE = "machine (all processes)";

    private final Path pidDir;

    CpuSampler(Path networkDir) {
        this.pidDir = networkDir.resolve("pids");
    }

    /** CPU seconds so far of each known process (in pid-file name order) and of the whole machine. */
    record Snapshot(Map<String, Double> seconds) {
        /** CPU seconds used between {@code before} and this snapshot, per process present in both. */
        Map<String, Double> since(Snapshot before) {
            Map<String, Double> used = new LinkedHashMap<>();
            seconds.forEach((name, s) -> {
                Double earlier = before.seconds.get(name);
                if (earlier != null) {
                    used.put(name, s - earlier);
                }
            });
            return used;
        }
    }

    Snapshot snapshot() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        if (Files.isDirectory(pidDir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(pidDir, "*.pid")) {
                List<Path> sorted = new ArrayList<>();
                files.forEach(sorted::add);
                sorted.sort(null);
                for (Path f : sorted) {
                    String name = f.getFileName().toString().replaceFirst("\\.pid$", "");
                    readPid(f).flatMap(CpuSampler::processSeconds).ifPresent(s -> seconds.put(name, s));
                }
            } catch (IOException e) {
                // Without pid files there is simply no per-process breakdown.
            }
        }
        processSeconds(ProcessHandle.current().pid()).ifPresent(s -> seconds.put(SELF, s));
        machineBusySeconds().ifPresent(s -> seconds.put(MACHINE, s));
        return new Snapshot(seconds);
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** utime + stime of a process (fields 14 and 15 of /proc/PID/stat; the command name may contain spaces). */
    private static Optional<Double> processSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state), so field 14 is fields[11] and field 15 is fields[12].
            return Optional.of((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_SECONDS);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Busy time of all CPUs: the first line of /proc/stat minus idle and iowait. */
    private static Optional<Double> machineBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            // cpu user nice system idle iowait irq softirq steal (guest times are already in user)
            for (int i = 1; i <= 8 && i < f.length; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return Optional.of(busy * TICK_SECONDS);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

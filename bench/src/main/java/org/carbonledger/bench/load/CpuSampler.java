package org.carbonledger.bench.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    /** CPU seconds so far of each known process (in pid-file name order) and of the whole machine, with the pids. */
    record Snapshot(Map<String, Double> seconds, Map<String, Long> pids) {
        /** CPU seconds used between {@code before} and this snapshot, per process running at both with the same pid. */
        Map<String, Double> since(Snapshot before) {
            Map<String, Double> used = new LinkedHashMap<>();
            seconds.forEach((name, s) -> {
                Double earlier = before.seconds.get(name);
                if (earlier != null && Objects.equals(pids.get(name), before.pids.get(name))) {
                    used.put(name, s - earlier);
                }
            });
            return used;
        }

        /** Processes that were restarted (another pid) or stopped between {@code before} and this snapshot. */
        List<String> restartedSince(Snapshot before) {
            List<String> restarted = new ArrayList<>();
            before.pids.forEach((name, pid) -> {
                if (!pid.equals(pids.get(name))) {
                    restarted.add(name);
                }
            });
            return restarted;
        }
    }

    Snapshot snapshot() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, Long> pids = new LinkedHashMap<>();
        if (Files.isDirectory(pidDir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(pidDir, "*.pid")) {
                List<Path> sorted = new ArrayList<>();
                files.forEach(sorted::add);
                sorted.sort(null);
                for (Path f : sorted) {
                    String name = f.getFileName().toString().replaceFirst("\\.pid$", "");
                    Optional<Long> pid = readPid(f);
                    Optional<Double> cpu = pid.flatMap(CpuSampler::processSeconds);
                    if (cpu.isPresent()) {
                        seconds.put(name, cpu.get());
                        pids.put(name, pid.get());
                        if (name.startsWith("service-")) {
                            // The service starts its embedded MariaDB as a child process: its CPU is the read model's.
                            String db = "mariadb-" + name.substring("service-".length());
                            for (long child : children(pid.get(), "mariadbd")) {
                                processSeconds(child).ifPresent(c -> {
                                    seconds.merge(db, c, Double::sum);
                                    pids.put(db, child);
                                });
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // Without pid files there is simply no per-process breakdown.
            }
        }
        processSeconds(ProcessHandle.current().pid()).ifPresent(s -> seconds.put(SELF, s));
        machineBusySeconds().ifPresent(s -> seconds.put(MACHINE, s));
        return new Snapshot(seconds, pids);
    }

    /** Pids of the direct children of {@code parent} whose command name is {@code comm} (from /proc/PID/stat). */
    private static List<Long> children(long parent, String comm) {
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : procs) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // fields[1] is field 4, the parent pid.
                    if (name.equals(comm) && Long.parseLong(fields[1]) == parent) {
                        found.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException e) {
                    // The process ended while we looked: not a child any more.
                }
            }
        } catch (IOException e) {
            // No /proc: no children.
        }
        return found;
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

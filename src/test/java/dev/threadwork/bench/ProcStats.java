package dev.threadwork.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory and CPU time of another process, read from Linux's /proc (the child is not ours to instrument). */
public record ProcStats(long rssKiB, long cpuMillis) {

    /** Clock ticks per second; 100 on every mainstream Linux build (CONFIG_HZ does not change USER_HZ). */
    private static final long USER_HZ = 100;

    public static ProcStats of(long pid) {
        try {
            long rss = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst().orElse(-1);
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            return new ProcStats(rss, ticks * 1000 / USER_HZ);
        } catch (IOException | RuntimeException e) {
            return new ProcStats(-1, -1);
        }
    }

    public double rssMiB() {
        return rssKiB / 1024.0;
    }
}

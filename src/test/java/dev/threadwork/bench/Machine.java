package dev.threadwork.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Where a figure was measured: without this a latency or a memory figure means little. */
public record Machine(int cpus, long ramMiB, String jdk, String date) {

    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), totalRamMiB(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    public String summary() {
        return cpus + " CPU, " + Math.round(ramMiB / 1024.0) + " GiB RAM, " + jdk;
    }

    private static long totalRamMiB() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }
}

package dev.threadwork.launch;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;

/**
 * Heap defaults for a process that is idle most of the time. With G1 (the JVM's choice on two or
 * more CPUs), the heap that start-up grew is kept committed for ever by default: on a large
 * machine that is hundreds of MiB of RSS doing nothing. These flags are "manageable", so they are
 * set here at run time, and only where the operator has not set them on the command line:
 * <ul>
 *   <li>{@code G1PeriodicGCInterval=60000}: when no collection ran for a minute, G1 runs a
 *       concurrent cycle and uncommits what it does not need (JEP 346);</li>
 *   <li>{@code MinHeapFreeRatio=10}, {@code MaxHeapFreeRatio=30}: after a collection, keep at most
 *       30% of the heap free instead of 70%.</li>
 * </ul>
 * The application also runs one collection right after it started, so that the garbage of
 * deployment is returned at once rather than a minute later.
 */
final class RuntimeTuning {

    private RuntimeTuning() {
    }

    static void apply() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (!"true".equals(hotspot.getVMOption("UseG1GC").getValue())) {
                return; // Serial/Parallel shrink by these ratios at full collections already
            }
            setUnlessGiven(hotspot, "G1PeriodicGCInterval", "60000");
            // Order matters: MinHeapFreeRatio may not exceed MaxHeapFreeRatio at any moment.
            setUnlessGiven(hotspot, "MinHeapFreeRatio", "10");
            setUnlessGiven(hotspot, "MaxHeapFreeRatio", "30");
        } catch (RuntimeException e) {
            // not HotSpot, or the flag is unknown here: the JVM's defaults apply
        }
    }

    private static void setUnlessGiven(HotSpotDiagnosticMXBean hotspot, String flag, String value) {
        if (hotspot.getVMOption(flag).getOrigin() == VMOption.Origin.DEFAULT) {
            hotspot.setVMOption(flag, value);
        }
    }
}

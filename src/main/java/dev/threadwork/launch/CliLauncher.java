package dev.threadwork.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Runs a first-run command ({@code setup}, {@code check}) with the application's own classes and
 * libraries (its Slack and Managed Agents clients), without starting Payara: the packaged WAR's
 * {@code WEB-INF/classes} and {@code WEB-INF/lib} are unpacked to a temporary directory and loaded
 * in a class loader of their own, removed again on exit.
 */
final class CliLauncher {

    private static final String WAR_ENTRY = "MICRO-INF/deploy/ROOT.war";
    private static final String CLI_CLASS = "dev.threadwork.launch.cli.Cli";

    private CliLauncher() {
    }

    static int run(String command, List<String> args) throws Exception {
        Path dir = Files.createTempDirectory("threadwork-cli");
        try {
            List<URL> classPath = unpackWar(ownJar(), dir);
            try (URLClassLoader loader = new URLClassLoader(classPath.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
                Thread.currentThread().setContextClassLoader(loader);
                Object exit = loader.loadClass(CLI_CLASS).getMethod("run", String.class, List.class)
                        .invoke(null, command, List.copyOf(args));
                return (Integer) exit;
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static Path ownJar() throws Exception {
        Path jar = Path.of(CliLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("setup and check run from the packaged jar (target/threadwork.jar)");
        }
        return jar;
    }

    private static List<URL> unpackWar(Path jar, Path dir) throws IOException {
        // Created first: a directory's URL ends with "/" only when it exists, and only then is it searched for classes.
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<URL> urls = new ArrayList<>();
        urls.add(classes.toUri().toURL());
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry war = zip.getEntry(WAR_ENTRY);
            if (war == null) {
                throw new IllegalStateException(jar + " holds no " + WAR_ENTRY);
            }
            try (ZipInputStream in = new ZipInputStream(zip.getInputStream(war))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                    String name = entry.getName();
                    if (entry.isDirectory() || name.contains("..")) {
                        continue;
                    }
                    Path target;
                    if (name.startsWith("WEB-INF/classes/")) {
                        target = classes.resolve(name.substring("WEB-INF/classes/".length()));
                    } else if (name.startsWith("WEB-INF/lib/") && name.endsWith(".jar")) {
                        target = dir.resolve("lib").resolve(name.substring("WEB-INF/lib/".length()));
                        urls.add(target.toUri().toURL());
                    } else {
                        continue;
                    }
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target); // leaves the WAR's stream open for the next entry
                }
            }
        }
        return urls;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

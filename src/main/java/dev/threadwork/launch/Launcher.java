package dev.threadwork.launch;

/**
 * Entry point of {@code threadwork.jar}. Built for Java 11 so that an older {@code java} can load
 * it and say what is needed instead of failing with a class-version error; everything else runs in
 * {@link Main}, built for Java 21.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws Throwable {
        if (Runtime.version().feature() < 21) {
            System.err.println("Threadwork needs Java 21 or newer; this is Java " + Runtime.version().feature()
                    + " (" + System.getProperty("java.home") + "). Run it with a JDK or JRE 21+.");
            System.exit(1);
        }
        try {
            // Reflection: this class must not link against classes built for a newer Java.
            Class.forName("dev.threadwork.launch.Main").getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

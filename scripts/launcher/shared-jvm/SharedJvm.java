package io.inetpublish.local;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.sift.AbstractDiscriminator;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The local run's shared JVM (its default; INETPUBLISH_SHARED_JVM=false runs eight JVMs instead,
 * scripts/launcher/shared-jvm.sh): several of the platform's services in one JVM, each its own Spring Boot
 * application on its own ports, as if it ran alone.
 * Not used by the images or Kubernetes, where each service has a JVM (and a container) of its own.
 *
 * <p>The dependency jars of all hosted services are on this JVM's class path (the AOT cache holds classes of the
 * built-in loaders only, and only from jars). Each service gets a {@link ServiceClassLoader}: its own classes and
 * resources and the project's own modules (common, load-balancing: their static state stays per service) first,
 * then the shared jars, but only those of its own jar's lib set, so that Spring Boot's class-path conditions see
 * exactly what the service's jar holds (the sandbox has no JPA, the registry has Jersey).
 *
 * <p>Arguments: per service {@code inetpublish.process=NAME DIR [--spring.arg=value ...]}, DIR being the service's
 * Spring Boot jar unpacked by the launcher (scripts/launcher/shared-jvm.sh, unpack_boot_jar): its dependency jars in
 * lib/, its own classes and resources in classes/.
 */
public final class SharedJvm {

    private SharedJvm() {
    }

    record Service(String name, Path dir, List<String> args) {
    }

    /** a started service: its application context and its class loader */
    record Running(AutoCloseable context, ClassLoader loader) {
    }

    public static void main(String[] argv) throws Exception {
        List<Service> services = parse(argv);
        installJulBridge();
        Set<String> shared = new HashSet<>();
        Map<String, Set<String>> packages = new HashMap<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String file = Path.of(entry).getFileName().toString();
            shared.add(file);
            try (ZipFile zip = new ZipFile(entry)) {
                zip.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class"))
                        .forEach(n -> packages.computeIfAbsent(n.substring(0, Math.max(0, n.lastIndexOf('/')))
                                .replace('/', '.'), p -> new HashSet<>()).add(file));
            }
        }
        List<Thread> starts = new ArrayList<>();
        Map<String, Running> running = new ConcurrentHashMap<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(services, running), "shared-jvm-stop"));
        for (Service service : services) {
            ServiceClassLoader loader = loader(service, shared, packages);
            String mainClass;
            try (var in = Files.newInputStream(service.dir().resolve("classes/META-INF/MANIFEST.MF"))) {
                mainClass = new Manifest(in).getMainAttributes().getValue("Main-Class");
            }
            Class<?> primary = loader.loadClass(mainClass);
            // the service's own thread: every thread it makes inherits its loader as context class loader (the logs
            // find the service by it), and the services start side by side as separate JVMs would
            Thread start = new Thread(() -> {
                try {
                    running.put(service.name(),
                            new Running(run(primary, loader, service.args().toArray(String[]::new)), loader));
                } catch (Throwable e) {
                    // as the service's own JVM would: it ends, and `up` says which service did not start
                    System.err.println("shared-jvm: " + service.name() + " did not start: " + e);
                    e.printStackTrace();
                    System.exit(1);
                }
            }, service.name() + "-main");
            start.setContextClassLoader(loader);
            start.start();
            starts.add(start);
        }
        for (Thread start : starts) {
            start.join();
        }
    }

    /**
     * What each service's main method does, {@code SpringApplication.run(ItsApplication.class, args)}, with a resource
     * loader on the service's class loader: without one, Spring Boot lists some of its factories (spring.factories)
     * with the class loader of Spring's own classes, here the shared one, which sees every service's jars.
     */
    static AutoCloseable run(Class<?> primary, ClassLoader loader, String[] args) throws ReflectiveOperationException {
        Class<?> application = loader.loadClass("org.springframework.boot.SpringApplication");
        Object resourceLoader = loader.loadClass("org.springframework.core.io.DefaultResourceLoader")
                .getConstructor(ClassLoader.class).newInstance(loader);
        Object app = application.getConstructor(loader.loadClass("org.springframework.core.io.ResourceLoader"),
                Class[].class).newInstance(resourceLoader, new Class<?>[] {primary});
        // stopped by this JVM's own shutdown hook (stop), not Spring's: that one closes every application of the JVM
        // in the order they started, the registry first, and logs it all from one thread (into one service's log)
        application.getMethod("setRegisterShutdownHook", boolean.class).invoke(app, false);
        return (AutoCloseable) application.getMethod("run", String[].class).invoke(app, (Object) args);
    }

    /**
     * At the JVM's end (`down`: SIGTERM): every service but the registry at once, each from a thread of its own
     * class loader (its log), then the registry, as `down` stops separate JVMs; the services deregister meanwhile.
     */
    static void stop(List<Service> services, Map<String, Running> running) {
        List<Thread> stops = new ArrayList<>();
        for (Service service : services.reversed()) {
            if (!service.name().equals("discovery")) {
                stops.add(close(service.name(), running.get(service.name())));
            }
        }
        join(stops);
        join(List.of(close("discovery", running.get("discovery"))));
    }

    /** closes a started service's context in a thread of its class loader; a thread doing nothing if not started */
    private static Thread close(String name, Running service) {
        Thread stop = new Thread(() -> {
            if (service == null) {
                return;
            }
            try {
                service.context().close();
            } catch (Exception e) {
                System.err.println("shared-jvm: stopping " + name + " failed: " + e);
            }
        }, name + "-stop");
        if (service != null) {
            stop.setContextClassLoader(service.loader());
        }
        stop.start();
        return stop;
    }

    private static void join(List<Thread> threads) {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static List<Service> parse(String[] argv) {
        List<Service> services = new ArrayList<>();
        for (int i = 0; i < argv.length; i++) {
            if (argv[i].startsWith("inetpublish.process=") && i + 1 < argv.length) {
                services.add(new Service(argv[i].substring("inetpublish.process=".length()), Path.of(argv[++i]),
                        new ArrayList<>()));
            } else if (argv[i].startsWith("--") && !services.isEmpty()) {
                services.getLast().args().add(argv[i]);
            } else {
                throw new IllegalArgumentException("usage: (inetpublish.process=NAME DIR [--name=value ...])..., at: "
                        + argv[i]);
            }
        }
        if (services.isEmpty()) {
            throw new IllegalArgumentException("no service to run");
        }
        return services;
    }

    /**
     * The service's own classes and the lib jars not on the shared class path first; the shared jars of its lib set.
     * Its classes are a directory, not a jar: a jar's manifest may list lib jars (Class-Path), which a
     * URLClassLoader would follow, loading the shared libraries again in this loader.
     */
    static ServiceClassLoader loader(Service service, Set<String> shared, Map<String, Set<String>> packages)
            throws IOException {
        List<URL> own = new ArrayList<>();
        own.add(service.dir().resolve("classes").toUri().toURL());
        Set<String> allowed = new HashSet<>();
        try (var libs = Files.list(service.dir().resolve("lib"))) {
            for (Path lib : libs.sorted().toList()) {
                String file = lib.getFileName().toString();
                if (shared.contains(file)) {
                    allowed.add(file);
                } else {
                    own.add(lib.toUri().toURL());
                }
            }
        }
        return new ServiceClassLoader(service.name(), own.toArray(URL[]::new), allowed, packages,
                ClassLoader.getSystemClassLoader());
    }

    /** java.util.logging (Tomcat, some libraries) into SLF4J, as Spring Boot's logging system would do. */
    private static void installJulBridge() {
        try {
            Class<?> bridge = Class.forName("org.slf4j.bridge.SLF4JBridgeHandler");
            bridge.getMethod("removeHandlersForRootLogger").invoke(null);
            bridge.getMethod("install").invoke(null);
        } catch (ReflectiveOperationException e) {
            System.err.println("shared-jvm: java.util.logging not bridged: " + e);
        }
    }

    /**
     * One service's class loader: its own jars first, then the JVM's class path restricted to the jars its lib set
     * holds (a class or resource of another jar is "not found", as it would be in the service's own JVM).
     */
    public static final class ServiceClassLoader extends URLClassLoader {

        static {
            registerAsParallelCapable();
        }

        private final String service;
        private final Set<String> allowed;
        /** the jars of the shared class path by package (a package may be split over several jars) */
        private final Map<String, Set<String>> packages;
        private final ClassLoader shared;

        ServiceClassLoader(String service, URL[] own, Set<String> allowed, Map<String, Set<String>> packages,
                ClassLoader shared) {
            super("service-" + service, own, shared);
            this.service = service;
            this.allowed = allowed;
            this.packages = packages;
            this.shared = shared;
        }

        public String service() {
            return service;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    if (name.startsWith("java.")) {
                        return shared.loadClass(name);
                    }
                    try {
                        c = findClass(name);
                    } catch (ClassNotFoundException notOwn) {
                        Set<String> jars = packages.get(name.substring(0, Math.max(0, name.lastIndexOf('.'))));
                        if (jars != null && !allowed.containsAll(jars)) {
                            // none of the package's jars is the service's, or only some: then the class's own jar
                            URL source = jars.stream().noneMatch(allowed::contains) ? null
                                    : shared.getResource(name.replace('.', '/') + ".class");
                            if (source == null || !visible(source)) {
                                throw notOwn;
                            }
                        }
                        // a JDK class (a package of no jar of the class path) or one of the service's shared jars
                        c = shared.loadClass(name);
                    }
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        /** a resource of the shared class path is visible if it is in one of the service's own lib jars */
        private boolean visible(URL url) {
            if (!"jar".equals(url.getProtocol())) {
                return !"file".equals(url.getProtocol()); // jrt: (the JDK) yes; a directory: not ours
            }
            String path = url.getPath();
            int bang = path.indexOf("!/");
            String jar = bang < 0 ? path : path.substring(0, bang);
            return allowed.contains(jar.substring(jar.lastIndexOf('/') + 1));
        }

        @Override
        public URL getResource(String name) {
            URL url = findResource(name);
            if (url != null) {
                return url;
            }
            try {
                Enumeration<URL> e = shared.getResources(name);
                while (e.hasMoreElements()) {
                    URL candidate = e.nextElement();
                    if (visible(candidate)) {
                        return candidate;
                    }
                }
            } catch (IOException ignored) {
                // as if not found
            }
            return null;
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            List<URL> urls = new ArrayList<>(Collections.list(findResources(name)));
            for (URL url : Collections.list(shared.getResources(name))) {
                if (visible(url)) {
                    urls.add(url);
                }
            }
            return Collections.enumeration(urls);
        }
    }

    /**
     * Logback's discriminator for the shared JVM's logback.xml: the service whose thread logs (its context class
     * loader, or a loader below it such as Tomcat's), else "shared-jvm".
     */
    public static final class ServiceDiscriminator extends AbstractDiscriminator<ILoggingEvent> {

        @Override
        public String getDiscriminatingValue(ILoggingEvent event) {
            for (ClassLoader l = Thread.currentThread().getContextClassLoader(); l != null; l = l.getParent()) {
                if (l instanceof ServiceClassLoader s) {
                    return s.service();
                }
            }
            return "shared-jvm";
        }

        @Override
        public String getKey() {
            return "service";
        }
    }
}

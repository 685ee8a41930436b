package org.opencoc.attachment.web.metrics;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.Timer;
import org.opencoc.attachment.storage.AttachmentStore;

/**
 * Times every call of the storage port ({@code coc_storage_operation_seconds{operation,backend}}) by
 * wrapping the configured adapter in a decorator, so neither adapter knows about metrics. The
 * decorator is a dynamic proxy of the adapter's interfaces ({@link AttachmentStore}, and
 * {@link AutoCloseable} when the adapter is one), so a method added to the port is timed without a
 * change here. A call that throws is timed too. {@code open} is timed until the stream is open, not
 * while it is read; {@code stage} includes reading the upload from the client.
 */
@ApplicationScoped
public class StorageMetrics {

    @Inject
    ServiceMetrics metrics;

    /** {@code store} with every port call timed under {@code backend}. */
    public AttachmentStore timed(String backend, AttachmentStore store) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> type = store.getClass(); type != null; type = type.getSuperclass()) {
            interfaces.addAll(Set.of(type.getInterfaces()));
        }
        interfaces.add(AttachmentStore.class);
        return (AttachmentStore) Proxy.newProxyInstance(AttachmentStore.class.getClassLoader(),
                interfaces.toArray(Class<?>[]::new), new Timed(store, backend, metrics));
    }

    /** {@code isReady} becomes {@code is_ready}. */
    static String operation(String methodName) {
        return methodName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static final class Timed implements InvocationHandler {

        private final AttachmentStore delegate;
        private final String backend;
        private final ServiceMetrics metrics;
        private final Map<Method, Timer> timers = new ConcurrentHashMap<>();

        Timed(AttachmentStore delegate, String backend, ServiceMetrics metrics) {
            this.delegate = delegate;
            this.backend = backend;
            this.metrics = metrics;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "timed " + delegate;
                };
            }
            Timer timer = timers.computeIfAbsent(method, m -> metrics.storageTimer(operation(m.getName()), backend));
            long start = System.nanoTime();
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                ServiceMetrics.record(timer, start);
            }
        }
    }
}

package org.opencoc.attachment.web.transfer;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opencoc.attachment.config.ConfigNames;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Creates the application's {@link Transfers} and drains them on {@code SIGTERM}.
 *
 * <p>Why a signal handler: Payara Micro stops on {@code SIGTERM} from a JVM shutdown hook
 * ({@code PayaraMicroImpl}: {@code GlassFish.stop()} then {@code dispose()}), which undeploys the
 * application, waits at most a few seconds for servlets in use and then closes the network listeners,
 * cutting every transfer in flight. Shutdown hooks run concurrently and in no defined order, so an
 * application hook cannot hold that back. Instead this replaces the JVM's {@code TERM} handler while
 * the application is deployed: on the signal, the instance starts draining (readiness goes down, new
 * requests are answered 503 by {@link TransferGate}), waits until no transfer is in flight or the
 * grace period ({@value TransferSettings#SHUTDOWN_GRACE_SECONDS}) has passed, and then hands the
 * signal to the previous handler, which exits the JVM and so runs Payara's ordinary shutdown. A second
 * {@code SIGTERM} while draining exits at once. When the application is undeployed the previous handler
 * is restored.
 */
@ApplicationScoped
public class TransferLifecycle {

    private static final Logger LOG = Logger.getLogger(TransferLifecycle.class.getName());
    private static final Signal TERM = new Signal("TERM");

    @Inject
    @ConfigProperty(name = ConfigNames.DOWNLOAD_MAX_CONCURRENT,
            defaultValue = "" + ConfigNames.DOWNLOAD_MAX_CONCURRENT_DEFAULT)
    int maxConcurrentDownloads;

    @Inject
    @ConfigProperty(name = ConfigNames.SHUTDOWN_GRACE_SECONDS,
            defaultValue = "" + ConfigNames.SHUTDOWN_GRACE_SECONDS_DEFAULT)
    int graceSeconds;

    private SignalHandler previous;

    @Produces
    @Singleton
    Transfers transfers() {
        return new Transfers(maxConcurrentDownloads);
    }

    void install(@Observes @Initialized(ApplicationScoped.class) Object started, Transfers transfers) {
        if (graceSeconds < 0) {
            throw new IllegalArgumentException(ConfigNames.SHUTDOWN_GRACE_SECONDS + " must not be negative, not "
                    + graceSeconds);
        }
        Transfers drained = transfers;
        Duration grace = Duration.ofSeconds(graceSeconds);
        try {
            previous = Signal.handle(TERM, new DrainOnTerm(drained, grace));
            LOG.info(() -> "On SIGTERM this instance drains: up to " + grace.toSeconds()
                    + " s for transfers in flight; at most " + drained.maxDownloads() + " downloads at once");
        } catch (IllegalArgumentException unsupported) {
            LOG.log(Level.WARNING, "Cannot handle SIGTERM here; stopping will not wait for transfers in flight",
                    unsupported);
        }
    }

    @PreDestroy
    void uninstall() {
        SignalHandler installed = previous;
        if (installed != null) {
            previous = null;
            Signal.handle(TERM, installed);
        }
    }

    /** The TERM handler: drains on a thread of its own, then passes the signal on. */
    private final class DrainOnTerm implements SignalHandler {

        private final Transfers drained;
        private final Duration grace;

        DrainOnTerm(Transfers drained, Duration grace) {
            this.drained = drained;
            this.grace = grace;
        }

        @Override
        public void handle(Signal signal) {
            SignalHandler next = previous;
            if (drained.isDraining()) {
                LOG.info("Second SIGTERM while draining: stopping now");
                pass(next, signal);
                return;
            }
            drained.startDraining();
            Thread drain = new Thread(() -> drainThenPass(next, signal), "coc-drain");
            drain.setDaemon(false);
            drain.start();
        }

        private void drainThenPass(SignalHandler next, Signal signal) {
            long start = System.nanoTime();
            int before = drained.inFlight();
            LOG.info(() -> "SIGTERM: draining, " + before + " transfers in flight, grace " + grace.toSeconds() + " s");
            int left;
            try {
                left = drained.awaitIdle(grace);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                left = drained.inFlight();
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            int cut = left;
            if (cut == 0) {
                LOG.info(() -> "Drained in " + millis + " ms; stopping");
            } else {
                LOG.warning(() -> "Grace period over after " + millis + " ms with " + cut
                        + " transfers in flight; they are cut, uploads among them are not stored");
            }
            pass(next, signal);
        }

        private void pass(SignalHandler next, Signal signal) {
            if (next == null || next == SignalHandler.SIG_IGN || next == SignalHandler.SIG_DFL) {
                System.exit(128 + signal.getNumber());
            } else {
                next.handle(signal);
            }
        }
    }
}

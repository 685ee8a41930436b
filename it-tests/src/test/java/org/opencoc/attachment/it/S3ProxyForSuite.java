package org.opencoc.attachment.it;

import java.nio.file.Path;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.opencoc.attachment.it.process.S3ProxyProcess;

/**
 * Runs a real S3Proxy for the whole test run when the build asks for the S3 backend (system property
 * {@code it.s3.port}): started before the first test class, so before Arquillian starts Payara Micro
 * configured with that port, and stopped when the run ends, whether the tests passed or not.
 */
public final class S3ProxyForSuite implements LauncherSessionListener {

    private S3ProxyProcess server;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String port = System.getProperty("it.s3.port");
        if (port == null || port.isBlank()) {
            return;
        }
        Path workDirectory = Path.of(System.getProperty("it.s3.dir"));
        server = new S3ProxyProcess(workDirectory, Integer.parseInt(port)).start();
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (server != null) {
            server.close();
        }
    }
}

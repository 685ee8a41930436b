package org.opencoc.attachment.it;

import java.io.File;
import java.net.URL;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The base of every black-box IT: Arquillian deploys the artifact under test, the WAR that web/
 * built, unchanged, as {@code ROOT.war} (context root {@code /}) on Payara Micro, and {@link #service}
 * talks to it over HTTP. The backend (filesystem or S3) is chosen by the build's Arquillian container.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class DeployedWar {

    @ArquillianResource
    private URL url;

    /** The deployed service, on loopback. */
    protected Service service;

    @Deployment(testable = false)
    public static WebArchive builtWar() {
        File war = new File(System.getProperty("it.deps"), "coc-attachments.war");
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class);
    }

    @BeforeEach
    final void connectToTheDeployedService() {
        service = new Service(url);
    }
}

package org.opencoc.attachment.it;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The artifact under test: the WAR that web/ built, deployed as {@code ROOT.war} (context root {@code /}). */
public final class Deployments {

    private Deployments() {
    }

    /** The built WAR, imported unchanged. */
    public static WebArchive builtWar() {
        File war = new File(System.getProperty("it.deps"), "coc-attachments.war");
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class);
    }
}

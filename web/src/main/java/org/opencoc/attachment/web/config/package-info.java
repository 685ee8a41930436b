/** Configuration (MicroProfile Config) turned into the application's singletons, and readiness. */
package org.opencoc.attachment.web.config;

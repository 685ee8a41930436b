/**
 * The deployable web application: the JAX-RS application ({@code /v1}), its resources, the mapping of
 * errors to the envelope, and the wiring of configuration to the core and auth modules.
 */
package org.opencoc.attachment.web;

/**
 * The published API as a new user meets it, on one backend (the filesystem; none of this depends on
 * storage): the OpenAPI document and its linters, the API page in Chromium, generated Java and Python
 * clients, the application metrics, and the calls generated and cloud clients make (the external
 * upload, {@code Accept} headers).
 */
package org.opencoc.attachment.it.api;

/**
 * Black-box tests of the HTTP behaviour of download and upload on the wire: ranges and preconditions
 * (table-driven), integrity digests, real third-party clients (curl, wget, aria2c, Chromium) run as
 * processes against the live server, and downloads aborted by the client.
 */
package org.opencoc.attachment.it.http;

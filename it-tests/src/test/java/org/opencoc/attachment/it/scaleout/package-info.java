/**
 * Scale-out and resilience tests that start their own processes (S3Proxy and several Payara Micro
 * instances, each on loopback): any instance serves any attachment, a crash leaves no partial
 * attachment, and an instance survives an outage of the store. They run once, in the filesystem
 * execution of failsafe only, because they configure S3 themselves.
 */
package org.opencoc.attachment.it.scaleout;

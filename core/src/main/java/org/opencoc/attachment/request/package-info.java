/**
 * What identifies a request to the attachment API in every module that handles it: the names of its
 * path parameters and its request id. Plain constants and values; nothing here depends on a container,
 * so the IAM glue and the web layer share them without depending on each other's details.
 */
package org.opencoc.attachment.request;

/**
 * Owns the identity of each service (module, server, application, database, ports) as one enum.
 * Depends on nothing but the JDK, so every tool module may use it.
 */
package dev.outboxref.descriptor;

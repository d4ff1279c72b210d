/**
 * A shim for Debezium only: the one class of kafka-clients 4.3 that Debezium 3.6.1 calls and 4.4
 * moved ({@link org.apache.kafka.common.utils.Sanitizer}). Nothing else goes here.
 */
package org.apache.kafka.common.utils;

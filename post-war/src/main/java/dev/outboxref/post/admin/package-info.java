/**
 * The operators' REST endpoints behind the admin token: the parking lot of poison events and the
 * replica bootstrap. May use {@code replica}, {@code replica.parking}, {@code verification} and
 * {@code userdirectory} (its failures), and the platform's {@code rest} and {@code paging}.
 */
package dev.outboxref.post.admin;

/**
 * The system tests, one {@code *IT} per area, each against the one running stack. A test uses
 * {@code it.dev.outboxref.support} and local-stack, never another test class.
 */
package it.dev.outboxref;

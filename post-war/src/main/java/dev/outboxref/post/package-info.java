/**
 * The post service: posts, and its replica of the user data fed from topic {@code user-events}. Its
 * packages depend in one direction only: {@code api} on {@code application}, which uses {@code
 * domain}, {@code replica} and {@code userdirectory}; {@code admin} on {@code replica}; {@code
 * replica} on {@code userdirectory}, which uses none of them. {@code PostServiceArchitectureTest}
 * checks it.
 */
package dev.outboxref.post;

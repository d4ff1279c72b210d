/**
 * Offline checks of what is deployed: every Kustomize overlay rendered with {@code kubectl
 * kustomize}, the Terraform, the workflows and the Dockerfiles, against the services' own
 * configuration (through {@code dev.outboxref.descriptor.Service} and the files it names); the
 * dashboards' and alert rules' queries read with {@code dev.outboxref.prometheus.PromQl}. Uses the
 * repository's files and the two tools, nothing else of the build.
 */
package dev.outboxref.deploy;

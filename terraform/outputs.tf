output "cluster_name" {
  description = "Name of the GKE cluster."
  value       = google_container_cluster.primary.name
}

output "cluster_location" {
  description = "Region of the (regional) GKE cluster."
  value       = google_container_cluster.primary.location
}

output "get_credentials_command" {
  description = "Command that writes a kubeconfig entry for the cluster."
  value       = "gcloud container clusters get-credentials ${google_container_cluster.primary.name} --region ${google_container_cluster.primary.location} --project ${var.project_id}"
}

output "workload_identity_pool" {
  description = "Workload Identity pool of the cluster (for Kubernetes service accounts that need GCP APIs)."
  value       = "${var.project_id}.svc.id.goog"
}

output "artifact_registry_url" {
  description = "Image prefix for the services: <url>/user-service:<sha>, <url>/post-service:<sha> (k8s/overlays/gke, GitHub variable GAR_REPOSITORY)."
  value       = "${google_artifact_registry_repository.images.location}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}"
}

output "github_workload_identity_provider" {
  description = "Full resource name of the WIF provider (GitHub variable GCP_WORKLOAD_IDENTITY_PROVIDER)."
  value       = google_iam_workload_identity_pool_provider.github.name
}

output "github_ci_service_account" {
  description = "Service account the image workflow impersonates (GitHub variable GCP_CI_SERVICE_ACCOUNT)."
  value       = google_service_account.github_ci.email
}

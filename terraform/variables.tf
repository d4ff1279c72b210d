variable "project_id" {
  type        = string
  description = "ID of the existing GCP project that hosts the cluster, registry and identities."
}

variable "region" {
  type        = string
  description = "GCP region of the subnet, the regional GKE cluster and the Artifact Registry repository."
  default     = "europe-west1"
}

variable "labels" {
  type        = map(string)
  description = "Labels added to every resource that supports them."
  default = {
    app        = "outboxref"
    managed-by = "terraform"
  }
}

variable "network_name" {
  type        = string
  description = "Name of the VPC network created for the cluster."
  default     = "outboxref"
}

variable "subnet_cidr" {
  type        = string
  description = "Primary IPv4 range of the cluster subnet (nodes)."
  default     = "10.10.0.0/20"
}

variable "pods_cidr" {
  type        = string
  description = "Secondary range of the subnet for pod IPs (VPC-native cluster)."
  default     = "10.20.0.0/14"
}

variable "services_cidr" {
  type        = string
  description = "Secondary range of the subnet for Service cluster IPs (VPC-native cluster)."
  default     = "10.24.0.0/20"
}

variable "master_ipv4_cidr_block" {
  type        = string
  description = "/28 range for the private control plane endpoint peering; must not overlap any other range."
  default     = "172.16.0.0/28"
}

variable "master_authorized_networks" {
  type = list(object({
    cidr_block   = string
    display_name = string
  }))
  description = "CIDR blocks allowed to reach the control plane's public endpoint (kubectl, CI). Empty means no access from outside the VPC."
  default     = []
}

variable "cluster_name" {
  type        = string
  description = "Name of the GKE cluster."
  default     = "outboxref"
}

variable "release_channel" {
  type        = string
  description = "GKE release channel: RAPID, REGULAR or STABLE."
  default     = "REGULAR"

  validation {
    condition     = contains(["RAPID", "REGULAR", "STABLE"], var.release_channel)
    error_message = "release_channel must be RAPID, REGULAR or STABLE."
  }
}

variable "node_machine_type" {
  type        = string
  description = "Machine type of the node pool. Liberty (about 0.5-1 GiB per pod), three Kafka brokers, three controllers and two PostgreSQL clusters need several GiB per zone."
  default     = "e2-standard-4"
}

variable "node_min_count_per_zone" {
  type        = number
  description = "Minimum number of nodes per zone of the autoscaled node pool."
  default     = 1
}

variable "node_max_count_per_zone" {
  type        = number
  description = "Maximum number of nodes per zone of the autoscaled node pool."
  default     = 3
}

variable "node_disk_size_gb" {
  type        = number
  description = "Boot disk size of each node, in GB."
  default     = 100
}

variable "artifact_repository_id" {
  type        = string
  description = "ID of the Artifact Registry Docker repository for the service images (user-service, post-service)."
  default     = "outboxref"
}

variable "github_repository" {
  type        = string
  description = "GitHub repository (owner/name) whose Actions workflows may push images through Workload Identity Federation."

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must look like owner/name."
  }
}

variable "github_ref" {
  type        = string
  description = "Git ref allowed to impersonate the CI service account (only pushes to this branch may publish images)."
  default     = "refs/heads/main"
}

variable "deletion_protection" {
  type        = bool
  description = "Protect the cluster from terraform destroy / replacement."
  default     = true
}

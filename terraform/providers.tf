terraform {
  required_version = ">= 1.9.0, < 2.0.0"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.49.0"
    }
  }

  # Keep state out of the repository and out of laptops: a GCS bucket with object versioning,
  # created once by hand (terraform/README.md). Supply it with
  #   terraform init -backend-config="bucket=<state bucket>" -backend-config="prefix=outboxref/gke"
  backend "gcs" {}
}

provider "google" {
  project = var.project_id
  region  = var.region

  default_labels = var.labels
}

-- When build-service's retention removed a package's stored files (its build.bundle-removed event): such a package
-- can no longer be downloaded, so it is neither offered nor accepted as a customer deployment's package. Rows from
-- before are taken as kept (retention keeps a bundle 180 days by default; the bundle store is younger than that).
alter table release_package add column removed_at timestamptz;

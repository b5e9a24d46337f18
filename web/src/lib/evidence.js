// What the deployment forms accept as evidence files before sending them: the same limits release-service's
// EvidenceInspector enforces (MAX_FILES; RELEASE_EVIDENCE_MAX_FILE_SIZE, 20 MB by default; these kinds).
// The server stays the judge; these only spare a person an upload that would be refused.
export const MAX_FILES = 10;
export const MAX_SIZE = 20 * 1024 * 1024;
export const ACCEPT = '.png,.jpg,.jpeg,.webp,.pdf,.txt,.log,.zip,image/png,image/jpeg,image/webp,application/pdf,text/plain,application/zip';

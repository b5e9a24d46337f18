// What the deployment forms accept as evidence files before sending them: the same limits release-service's
// EvidenceInspector enforces (MAX_FILES; RELEASE_EVIDENCE_MAX_FILE_SIZE, 20 MB by default; these kinds).
// The server stays the judge; these only spare a person an upload that would be refused. Both forms that send
// evidence (a customer deployment, an upgrade plan's deployment) use these rules through EvidenceFiles.svelte.
import { t } from './i18n.svelte.js';
import { bytes } from './format.js';

export const MAX_FILES = 10;
export const MAX_SIZE = 20 * 1024 * 1024;
export const ACCEPT = '.png,.jpg,.jpeg,.webp,.pdf,.txt,.log,.zip,image/png,image/jpeg,image/webp,application/pdf,text/plain,application/zip';

/**
 * Adds the files a person chose or dropped to files (a list of {file, problem}): a file already listed (same name and
 * size) once; one over MAX_SIZE is listed, marked as refused, so that the person sees why it cannot be sent.
 */
export function addEvidence(files, chosen) {
  for (const file of chosen) {
    if (files.some((f) => f.file.name === file.name && f.file.size === file.size)) continue;
    files.push({ file, problem: file.size > MAX_SIZE ? t('deploy.fileTooLarge', { size: bytes(file.size) }) : null });
  }
}

/** Too many files for one deployment, or null. */
export function tooMany(files) {
  return files.length > MAX_FILES ? t('deploy.tooManyFiles', { max: MAX_FILES }) : null;
}

/** Why these files cannot be sent as they are, or null: none, too many, or one refused here still in the list. */
export function evidenceProblem(files) {
  if (!files.length) return t('deploy.evidenceRequired');
  if (files.some((f) => f.problem && f.file.size > MAX_SIZE)) return t('deploy.removeRefused');
  return tooMany(files);
}

/**
 * The server's refusal shown next to the file it names: release-service names a refused file as evidence[i] (files[i])
 * or quotes its name in the message. Clears the problems of the last try first.
 */
export function showRefusals(files, problem) {
  for (const f of files) if (f.file.size <= MAX_SIZE) f.problem = null;
  for (const e of problem?.errors ?? []) {
    const m = /(?:evidence|files?)\[(\d+)\]/.exec(e.field ?? '');
    if (m && files[Number(m[1])]) files[Number(m[1])].problem = e.message;
    else {
      const byName = files.find((f) => (e.message ?? '').includes(f.file.name) || (e.field ?? '') === f.file.name);
      if (byName) byName.problem = e.message;
    }
  }
}

// What the two forms that record a deployment with evidence files share (a customer deployment or rollback, an
// upgrade plan's deployment): time, notes and evidence, their checks before sending, the multipart request with upload
// progress, and one Idempotency-Key per submission.
import { asApiError, newIdempotencyKey } from './api.js';
import { t } from './i18n.svelte.js';
import { evidenceProblem, showRefusals } from './evidence.js';
import { toLocalInput, fromLocalInput } from './format.js';

export class DeploymentRecord {
  deployedAt = $state(toLocalInput());
  notes = $state('');
  files = $state([]); // {file, problem}
  progress = $state(null); // 0..1 while sending, null otherwise
  error = $state(null); // the server's refusal (ApiError)
  local = $state({}); // field -> message of the checks here
  // one key per submission: a repeat of the same request (double click, a retry after a lost answer) is recorded once
  #idempotencyKey = newIdempotencyKey();

  /** While the request is on its way: a second click is not another submission. */
  get sending() {
    return this.progress !== null && this.progress < 1;
  }

  /** The message for a field: the check's here, else the server's. */
  msg = (field) => this.local[field] ?? this.error?.fields?.[field];

  /**
   * Adds the checks of time, notes and evidence to errs (the form's own: field -> message) and shows them all; true
   * when there is none and the form may be sent.
   */
  check(errs = {}) {
    this.error = null;
    if (!fromLocalInput(this.deployedAt)) errs.deployedAt = t('form.required');
    if (!this.notes.trim()) errs.notes = t('deploy.notesRequired');
    if (evidenceProblem(this.files)) errs.evidence = evidenceProblem(this.files);
    this.local = errs;
    if (Object.keys(errs).length) return false;
    showRefusals(this.files, null);
    return true;
  }

  /**
   * Sends order (the deployment part, JSON) with the evidence files as one multipart request through
   * record(form, onProgress, idempotencyKey), then onsaved(answer). A refusal is shown (next to the file it names too).
   */
  async send(order, record, onsaved) {
    const form = new FormData();
    form.append('deployment', new Blob([JSON.stringify(order)], { type: 'application/json' }));
    for (const f of this.files) form.append('evidence', f.file, f.file.name);
    this.progress = 0;
    try {
      const saved = await record(form, (p) => (this.progress = p), this.#idempotencyKey);
      this.progress = 1;
      onsaved?.(saved);
    } catch (e) {
      this.error = asApiError(e);
      // refused (4xx): nothing was recorded, the corrected form is a new submission; otherwise the outcome may be
      // unknown and a retry must be recognised as the same one
      if (this.error.status >= 400 && this.error.status < 500) this.#idempotencyKey = newIdempotencyKey();
      showRefusals(this.files, this.error.problem);
      this.progress = null;
    }
  }
}

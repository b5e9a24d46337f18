// How a form that saves one thing sends it: the save button says "saving" meanwhile, and a refusal (problem details)
// or a failure before any answer is kept as error for the form's ProblemAlert and its fields.
import { asApiError } from './api.js';

export class FormSave {
  saving = $state(false);
  error = $state(null);

  /** Saves through send() (a promise of the saved view) and hands the answer to onsaved. */
  async run(send, onsaved) {
    this.saving = true;
    try {
      const saved = await send();
      onsaved?.(saved);
    } catch (e) {
      this.error = asApiError(e);
    } finally {
      this.saving = false;
    }
  }

  /**
   * A submitted form: its last problem cleared; then, when ready() (the form's own checks, which show what they find)
   * has no objection, saved as run does.
   */
  async submit(event, { ready = () => true, send, onsaved }) {
    event.preventDefault();
    this.error = null;
    if (ready()) await this.run(send, onsaved);
  }
}

/** The required name of what a form saves (NameField shows it): its text, and whether the last submission found it blank. */
export class RequiredName {
  value = $state('');
  missing = $state(false);

  constructor(value) {
    this.value = value ?? '';
  }

  /** For FormSave's submit as ready: false, and marked missing, when blank. */
  given = () => {
    this.missing = !this.value.trim();
    return !this.missing;
  };
}

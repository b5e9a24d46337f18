// What a person does to an update schedule from the list and from its page, asked and answered the same way on both.
import * as schedulesApi from './api/schedules.js';
import { t } from './i18n.svelte.js';
import { confirmThen } from './ui.svelte.js';
import { scheduleTitle } from './timeline.js';

/** Marks the schedule done after the person confirmed: true when done, false when not confirmed; throws a refusal. */
export const markScheduleDone = (s) => confirmThen(
  { title: t('schedule.doneTitle'), message: t('schedule.doneConfirm', { title: scheduleTitle(s) }), confirmLabel: t('schedule.markDone'), danger: false },
  () => schedulesApi.markDone(s.id), t('schedule.doneOk'));

/** Cancels the schedule after the person confirmed: true when cancelled, false when not confirmed; throws a refusal. */
export const cancelSchedule = (s) => confirmThen(
  { title: t('schedule.cancelTitle'), message: t('schedule.cancelConfirm', { title: scheduleTitle(s) }), confirmLabel: t('schedule.cancel') },
  () => schedulesApi.cancel(s.id), t('schedule.cancelled'));

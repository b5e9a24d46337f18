import { vi } from 'vitest';

/**
 * The multipart upload goes through XMLHttpRequest (for progress), which jsdom does not send: a test file replaces
 * just api.js's upload with this recorder, in its own file as
 * {@code vi.mock('../lib/api.js', async (original) => (await import('./fake-upload.js')).withFakeUpload(original))}.
 * Each upload is recorded (path, form, headers) and answered by the function given to answerUploads.
 */
export const uploads = [];
let answer = () => Promise.reject(new Error('no answer set for the upload'));

export function answerUploads(next) {
  answer = next;
}

export async function withFakeUpload(importOriginal) {
  const real = await importOriginal();
  return {
    ...real,
    upload: vi.fn((path, form, onProgress, options) => {
      uploads.push({ path, form, headers: options?.headers ?? {} });
      onProgress?.(0.5);
      return answer();
    })
  };
}

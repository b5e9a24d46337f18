import { ApiError } from '../lib/api.js';

/** Two evidence files for a deployment form: a text file and one that says it is a PNG but is not. */
export function okAndFakePng() {
  return [
    new File(['ok'], 'ok.txt', { type: 'text/plain' }),
    new File([new Uint8Array([0x4d, 0x5a])], 'fake.png', { type: 'image/png' })
  ];
}

/** The server's answer to an upload of okAndFakePng() (for a mocked upload): a 400 naming the second file. */
export function refusesFakePng() {
  return Promise.reject(new ApiError(400, {
    title: 'Bad Request', status: 400, detail: 'Evidence file fake.png is not an allowed kind; nothing was stored',
    errors: [{ field: 'evidence[1]', message: 'fake.png: content is not png, jpeg, webp, pdf, text or zip' }]
  }));
}

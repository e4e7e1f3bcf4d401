import { apiFetch, errorOf } from './api.ts';

/**
 * The name a Content-Disposition header gives the file. Chinese names travel as RFC 5987
 * `filename*=UTF-8''%E5%AE%A2…`, which wins over the ASCII `filename="…"` fallback.
 */
export const filenameFromDisposition = (header: string | null): string | null => {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([\w-]+)'[^']*'([^;]+)/i.exec(header);
  if (extended?.[2]) {
    try {
      return decodeURIComponent(extended[2].trim().replace(/^"|"$/g, ''));
    } catch {
      // A malformed escape: fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  const name = plain?.[2] ?? plain?.[1]?.trim();
  return name ? name : null;
};

const lastSegment = (path: string) => decodeURIComponent(path.split('?')[0]?.split('/').pop() ?? 'download');

/**
 * Fetches a file the API makes (an Excel export, an error report, a sample) with the session cookie, and
 * hands it to the browser as a download under the server's file name. A refusal throws the ApiError, so
 * the page says why instead of saving an error text as a file. Returns the file name used.
 */
export const download = async (path: string): Promise<string> => {
  // `path` comes from api.href(route, input): no URL is written at a call site.
  const res = await apiFetch('GET', path);
  if (!res.ok) throw await errorOf(res);
  const blob = await res.blob();
  const filename = filenameFromDisposition(res.headers.get('content-disposition')) ?? lastSegment(path);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The click only starts the download; the browser still reads the URL a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return filename;
};
